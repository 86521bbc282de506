package io.ddikit.doc.read;

import io.ddikit.doc.ClauseKind;

import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides a clause's {@link ClauseKind}. The rules are tried in order; the first
 * that matches wins. Each rule has a name and a one-line description, printed in the README.
 *
 * <table>
 *   <caption>Rules, in order</caption>
 *   <tr><th>rule</th><th>kind</th><th>matches</th></tr>
 *   <tr><td>pointer</td><td>informative</td><td>starts "For more information", "For details", "For an example", "See ", "This topic describes"…</td></tr>
 *   <tr><td>fragment</td><td>informative</td><td>fewer than three words (and no instruction), or a line of code: a name, a label, a heading</td></tr>
 *   <tr><td>note</td><td>informative</td><td>stands in a note, or starts "Note", has no obligation word in its main clause, and its subject is neither the API nor the system</td></tr>
 *   <tr><td>caller-subject</td><td>caller-obligation</td><td>the subject is a driver, caller, client or thread, and an obligation word follows</td></tr>
 *   <tr><td>imperative</td><td>caller-obligation</td><td>starts with an instruction: "Use", "Call", "Do not", "Never", "Always", "Ensure", "Supply", "Create"…</td></tr>
 *   <tr><td>passive-obligation</td><td>caller-obligation</td><td>"must (not) be called/released/used/…": something must be done with it</td></tr>
 *   <tr><td>restricted-use</td><td>caller-obligation</td><td>"can only be called/used …", "can be called only …", "Only X can call …", "is available only …": a restriction on who calls it, when or how</td></tr>
 *   <tr><td>irql-permission</td><td>caller-obligation</td><td>"can be called at any IRQL", "callers … can be running at IRQL …": at which IRQL the caller may be</td></tr>
 *   <tr><td>declared-in</td><td>informative</td><td>"… is defined in the Foo.h header": where a name is declared</td></tr>
 *   <tr><td>data-subject</td><td>informative</td><td>the subject is a data type or member ("The FOO structure …", "… enumeration …", "The Bar member …") and no obligation word follows</td></tr>
 *   <tr><td>lead-in</td><td>informative</td><td>ends with a colon and has no obligation word: it introduces a list or a table</td></tr>
 *   <tr><td>api-identity</td><td>informative</td><td>the subject is an API name or "this function", and the verb says what it is ("is a macro", "are two versions of", "is not supported")</td></tr>
 *   <tr><td>api-subject</td><td>implementation-behaviour</td><td>the subject is an API name or "this/the function/routine/macro/IOCTL", "these functions", no obligation word before any "if/when/which…"</td></tr>
 *   <tr><td>summary-verb</td><td>implementation-behaviour</td><td>starts with what the API does, its subject left out: "Gets the …", "Converts a …", "Calls the …"</td></tr>
 *   <tr><td>purpose</td><td>implementation-behaviour</td><td>"Filter drivers call the FooBar function to …": what the page's API is for</td></tr>
 *   <tr><td>system-subject</td><td>implementation-behaviour</td><td>the subject of the main clause is the system (the framework, the runtime, the I/O manager, NDIS, the port driver, the device…), no obligation word</td></tr>
 *   <tr><td>driver-does</td><td>caller-obligation</td><td>the subject is the driver or client and the verb says, in the present, what it does: "The driver returns …"</td></tr>
 *   <tr><td>obligation-word</td><td>caller-obligation</td><td>has must, must not, should, requires, is required, cannot, recommend, is not intended to be, or "only … if"</td></tr>
 *   <tr><td>passive-behaviour</td><td>implementation-behaviour</td><td>the main clause says what is done, in the passive: "is written", "is restored", "are allocated", "will be pended"…</td></tr>
 *   <tr><td>future-behaviour</td><td>implementation-behaviour</td><td>the main clause says what will happen: "… will replace …", "… will not return …"</td></tr>
 *   <tr><td>names-api</td><td>implementation-behaviour</td><td>names the page's own API in its first words</td></tr>
 *   <tr><td>otherwise</td><td>informative</td><td>anything else</td></tr>
 * </table>
 */
final class ClauseKindRules {
    /** One rule: a name, what it matches, the kind it gives. */
    record Rule(String name, ClauseKind kind, String description, BiPredicate<Sentence, String> test) {
    }

    /**
     * A sentence as the rules see it, computed once: as written, lowercase, and without what stands before its subject
     * (a note's label, leading adverbials); whether it stands in a note ({@code > [!NOTE]}, {@code <div class="alert">}),
     * whose label the reader drops; and, computed when a rule first asks, its main clause, whether it or its main clause
     * obliges, and where an API subject ends, which several rules share.
     */
    static final class Sentence {
        private final String text;
        private final String lower;
        private final String unprefixed;
        private final String lowerUnprefixed;
        private final boolean inNote;
        private String main;
        private byte obliges;
        private byte mainObliges;
        private byte obligationWord;
        private int apiEnd = -2;

        private Sentence(String text, String unprefixed, boolean inNote) {
            this.text = text;
            this.lower = text.toLowerCase(Locale.ROOT);
            this.unprefixed = unprefixed;
            this.lowerUnprefixed = unprefixed.toLowerCase(Locale.ROOT);
            this.inNote = inNote;
        }

        static Sentence of(String text) {
            return of(text, false);
        }

        static Sentence of(String text, boolean inNote) {
            String unprefixed = text;
            if (text.regionMatches(true, 0, "note", 0, 4)) {
                Matcher note = NOTE_LABEL.matcher(text);
                if (note.lookingAt()) {
                    unprefixed = text.substring(note.end());
                }
            }
            // an adverbial ends in a comma and a NAME: label in a colon: without either there is nothing to strip
            if (unprefixed.indexOf(',') >= 0 || unprefixed.indexOf(':') >= 0) {
                for (int i = 0; i < 3; i++) {
                    Matcher m = ADVERBIAL.matcher(unprefixed);
                    if (!m.lookingAt() || m.end() == 0) {
                        break;
                    }
                    unprefixed = unprefixed.substring(m.end());
                }
            }
            return new Sentence(text, unprefixed, inNote);
        }

        String text() {
            return text;
        }

        String lower() {
            return lower;
        }

        String unprefixed() {
            return unprefixed;
        }

        String lowerUnprefixed() {
            return lowerUnprefixed;
        }

        boolean inNote() {
            return inNote;
        }

        /** The main clause of the lowercase unprefixed sentence. */
        String main() {
            if (main == null) {
                main = mainClause(lowerUnprefixed);
            }
            return main;
        }

        /** Whether the sentence has an obligation word, or "only … if". */
        boolean obliges() {
            if (obliges == 0) {
                obliges = obligationWord() || onlyIf(lower) ? (byte) 1 : (byte) 2;
            }
            return obliges == 1;
        }

        /** Whether its main clause has an obligation word, or "only … if". */
        boolean mainObliges() {
            if (mainObliges == 0) {
                mainObliges = ClauseKindRules.obliges(main()) ? (byte) 1 : (byte) 2;
            }
            return mainObliges == 1;
        }

        /** Whether it has an obligation word ("only … if" aside). */
        boolean obligationWord() {
            if (obligationWord == 0) {
                obligationWord = hasObligationWord(lower) ? (byte) 1 : (byte) 2;
            }
            return obligationWord == 1;
        }

        /** Where an API subject ends in the unprefixed sentence, -1 when it has none. */
        int apiEnd() {
            if (apiEnd == -2) {
                apiEnd = apiSubjectEnd(this);
            }
            return apiEnd;
        }
    }

    private static final Pattern POINTER = Pattern.compile(
            "^(for (more )?(information|details|an example|examples|a list|a description|a discussion|guidance)\\b|see |refer to "
                    + "|this (topic|section|page|article) (describes|discusses|explains|lists|contains|provides|introduces|shows)\\b)");
    private static final Pattern OBLIGATION = Pattern.compile(
            "\\b(?=[mscriabnhw])(must|should|shall|cannot|can ?not|can't|can neither|may not|mustn't|shouldn't"
                    + "|(?<!not )(?<!n't )(?<!that )(?<!which )(?<!who )(?:requires?|(?:is|are|be|been) required|required to)"
                    + "|(?<!not )(?<!n't )(?:needs? to|has to|have to)|never|is not allowed|are not allowed"
                    + "|(?:is|are) not (?:intended|meant|designed) (?:to be|for)|(?:we|microsoft) (?:strongly )?recommends?|(?:is|are) (?:strongly )?recommended|recommended that)\\b");
    /** "only … if": the first "only", then an "if" after it (two scans, so a long sentence costs linear time). */
    private static final Pattern ONLY = Pattern.compile("\\bonly\\b");
    private static final Pattern IF = Pattern.compile("\\bif\\b");
    private static final Pattern NOTE_LABEL = Pattern.compile("^note( that)?\\b[:,]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADVERBIAL = Pattern.compile(
            "^(otherwise|instead|however|therefore|in addition|additionally|also|likewise|similarly|in particular|consequently|then|thus|that is"
                    + "|(for|in|on|at|during|with|after|before|when|once|if|unless|to|instead of|because|as|since|while|until|upon)\\b[^,]{0,200}),[\"”’]?\\s*"
                    + "|^(?-i:[A-Z][A-Z0-9_]{2,}):\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern CALLER_SUBJECT = Pattern.compile(
            "^((a|an|the|each|every|any|all|no|your|its|their)\\s+)?(([a-z0-9-]+|[A-Z][A-Za-z0-9]*)\\s+){0,2}?(drivers?|callers?|clients?|threads?|miniports?|caller's)\\b"
                    + "|^callers of\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPERATIVE = Pattern.compile(
            "^(?:use|call|do not|don't|never|always|avoid|ensure|make sure|be sure|pass|set|specify|check|release|acquire|free|initialize"
                    + "|supply|create|implement|provide|declare|register|allocate|add|include|store|save|select|choose|open|close"
                    + "|wait|send|complete|cancel|verify|validate|test|define|consider|remember|keep|follow|install|link|zero|lock|unlock)(?=[\\s,])");
    private static final Pattern PASSIVE_OBLIGATION = Pattern.compile(
            "\\b(?=[ms])(must|should|shall)( not| never| only| always)? be (called|released|used|acquired|freed|initialized|invoked|"
                    + "specified|running|held|passed|set|allocated|deleted|paired|balanced|done|made|run|taken|closed)\\b");
    private static final Pattern PASSIVE_BEHAVIOUR = Pattern.compile(
            "\\b(?=[ia])(is|are) (written|restored|saved|set|raised|lowered|returned|stored|released|acquired|cleared|disabled|"
                    + "enabled|updated|given|granted|performed|signaled|signalled|reset|incremented|decremented)\\b");
    /** "X can only be called at …", "can be used only by …": a restriction on the caller. */
    private static final Pattern RESTRICTED_USE_VERB = Pattern.compile(
            "\\b(?=[cmia])(?:(can|may) (only be|be only) (called|used|invoked|run|executed|acquired|released|passed|specified|set|sent|issued)\\b"
                    + "|(can|may) be (called|used|invoked|run|executed|acquired|released|passed|specified|set|sent|issued) only\\b"
                    + "|(is|are) (only available|available only)\\b|(can|may) (call|use) (it |them |this routine |this function )?only\\b)"
                    + "|^only\\b[^.]*\\b(can|may) (call|use|send|issue|set|pass|register|be)\\b");
    /** "X can be called at any IRQL", "Callers of X can be running at IRQL &lt;= DISPATCH_LEVEL": where the caller may be. */
    private static final Pattern IRQL_PERMISSION = Pattern.compile(
            "\\b(?=[cm])(can|may) be (called|running|run|invoked|used)\\b[^.]{0,60}\\b(irql|[a-z]+_level)\\b");
    /** Fewer than three words, or a line of code: a name, a label, a heading that is no sentence. */
    private static final Pattern CODE = Pattern.compile("^[\\w.>\\[\\]-]+\\s*=[^=]|^\\s*[{}]");
    /** Where a name is declared, which versions have it: "… is defined in the Wdm.h header", "… is not supported in …". */
    private static final Pattern DECLARED_IN = Pattern.compile(
            "\\b(?=[ia])(is|are) (defined|declared) in\\b[^.]*(\\bheader\\b|\\.h\\b)");
    /** After the subject: what the API is rather than what it does ("… is a macro", "… are two versions of …", "… is not supported …"). */
    private static final Pattern IDENTITY = Pattern.compile(
            "^(is|are) (also )?(a|an|the|one|two|three|several|obsolete|deprecated|reserved|(currently |no longer |not |only )*(supported|available|implemented|exported|documented))\\b");
    /** "Gets the …", "Converts a …", "Calls the …": a summary that starts with what the API does. */
    private static final Pattern SUMMARY_VERB = Pattern.compile(
            "^(?!(?i:describes|contains|represents|defines|specifies|identifies|holds|stores|lists|indicates|applies|includes|is|has|was|does|provides information|requirements|remarks|parameters|returns? values?)\\b)"
                    + "[A-Za-z][a-z]*[a-hj-rtv-z]s (\\([^)]{1,40}\\) )?(a|an|the|this|these|that|those|its|their|his|one|all|any|each|whether|up|new|data|information|[A-Z_]{2,}\\w*|[A-Z][a-z0-9]+[A-Z]\\w*|[a-z]+[A-Z]\\w*)\\b");
    /** The subject of the main clause is the system: the framework, the runtime, the I/O manager, NDIS, the port driver… */
    private static final Pattern SYSTEM_SUBJECT = Pattern.compile(
            "^((a|an|the|this|each|every)\\s+)?((?!(a|an|the)\\b)[\\w/-]+\\s+){0,3}?(framework|runtime|operating system|system|os|kernel|manager|subsystem|engine|debugger|spooler"
                    + "|ndis|ktm|pofx|ntfs|hal|storport|sercx2?|spbcx|ucx|gpioclx|dxgkrnl|wdf|kmdf|umdf|hardware|device|controller"
                    + "|(port|bus|class|system-supplied|inbox)( [\\w-]+)? driver|port|filter manager|isr|request|operation|call)\\s+"
                    + "(will |then |also |always |never |automatically |immediately |first |only |now |still |internally |typically )?"
                    + "(?!(must|should|shall|needs|is|are|was|were|has|have|had)\\b)([a-z]+(s|ed)|can|may|might|could)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The subject is the driver or client, telling what it does in the present: "The driver returns …", "The client driver prepares …". */
    private static final Pattern DRIVER_DOES = Pattern.compile(
            "^((a|an|the|your|each|every|this)\\s+)?(?!port\\b|bus\\b|class\\b|system-supplied\\b)((?!(a|an|the)\\b)[\\w-]+\\s+){0,2}?(?<!port |bus |class )"
                    + "(driver|minidriver|miniport|miniport driver|client|client driver|callout driver|filter driver|monitor|provider|callback function|routine)\\s+"
                    + "(?!(typically|often|usually|generally|normally|sometimes|also can|can|may|might|could|need|needs|does not have|does not need|is|are|was|has|receives|gets|uses)\\b)[a-z]+s\\b");
    /** "Filter drivers call the FooBar function to …": what the API is for, said from the caller's side. */
    private static final Pattern PURPOSE = Pattern.compile(
            "^([\\w-]+\\s+){0,3}?(drivers?|callers?|clients?|miniports?|minidrivers?|applications?|components?)\\s+(call|calls|use|uses)\\s+(the\\s+)?(\\S+)[^.]*?\\bto\\b");
    /** "This ensures …", "Doing so causes …": what follows from what the sentence before said was done. */
    private static final Pattern CONSEQUENCE = Pattern.compile(
            "^(this|that|doing so|which) (also )?(prevents|ensures|guarantees|causes|allows|enables|means|makes|lets|keeps|avoids|results|reduces|improves|gives|stops|forces)\\b");
    private static final Pattern WILL = Pattern.compile("\\bwill (not )?(be )?[a-z]+");
    private static final Pattern PASSIVE_PARTICIPLE = Pattern.compile(
            "\\b(?=[iwag])(?<!that |which |who )(is|are|will be|gets|get) (also |then |not |only |always |never |automatically |immediately |dynamically |directly |internally |first )?"
                    + "(?!used|defined|declared|required|intended|supported|deprecated|reserved|designed|based|named|listed|described|documented"
                    + "|specified|needed|expected|recommended|allowed|permitted|associated|related|located|contained|included|limited|aligned"
                    + "|provided|obsolete|introduced|available|optional|valid|invalid|ignored by|discussed|explained|shown|illustrated|implemented by|guaranteed)"
                    + "([a-z]+ed|written|given|taken|driven|known|seen|done|made|sent|set|put|run|held|kept|built|lost|left|found|thrown|chosen|bound)\\s+\\w");
    /** The subject is a data type the page documents: "The FOO structure …", "The BAR enumeration …". */
    private static final Pattern DATA_SUBJECT = Pattern.compile(
            "^(?i:the |this |a |an )?(_?[A-Za-z][A-Za-z0-9_]*) (structure|union|enumeration|enum|type|data type|typedef|class|interface|member|field|flag|constant|members|fields|flags|constants|annotation|header|header file)\\b");
    private static final Pattern FUNCTION_SUBJECT = Pattern.compile(
            "^((this|the) (function|routine|macro|method|call|service|api|ioctl|request|callback|callback function|ddi)"
            + "|(all of )?(these|the|both|all) (functions|routines|macros|methods|ioctls|requests|callbacks)"
            + ")\\b");
    /** "The pfnFooCb function …", "This IOCTL_FOO request …": any name, then what it is. */
    private static final Pattern NAMED_SUBJECT = Pattern.compile(
            "^(?i:this|the|a|an|each|calling the|a call to the) [^\\s]*[A-Z0-9_][^\\s]* (?i:function|routine|macro|method|callback|callback function|ioctl|request|ddi|call)s?\\b");
    private static final Pattern API_SUBJECT = Pattern.compile(
            "^(?i:the |both |calling |a call to |each call to )?(_*[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)( and [A-Z][A-Za-z0-9]+)?( (function|routine|macro|method|callback|functions|routines|macros|methods|callbacks))?\\b");

    static final List<Rule> RULES = List.of(
            new Rule("pointer", ClauseKind.INFORMATIVE,
                    "starts \"For more information\", \"For details\", \"For an example\", \"See \", \"This topic describes\"…",
                    (t, api) -> POINTER.matcher(t.lower()).find()),
            new Rule("fragment", ClauseKind.INFORMATIVE,
                    "fewer than three words (and no instruction), or a line of code: a name, a label, a heading",
                    (t, api) -> (fewerWordsThan(t.text(), 3) && !IMPERATIVE.matcher(t.lower()).find()) || isCode(t.text())),
            new Rule("note", ClauseKind.INFORMATIVE,
                    "stands in a note, or starts \"Note\", has no obligation word in its main clause, and its subject is neither the API nor the system",
                    (t, api) -> (t.inNote() || t.lower().startsWith("note")) && !t.mainObliges()
                            && t.apiEnd() < 0 && !SYSTEM_SUBJECT.matcher(t.lowerUnprefixed()).lookingAt()),
            new Rule("caller-subject", ClauseKind.CALLER_OBLIGATION,
                    "the subject is a driver, caller, client or thread, and an obligation word follows",
                    (t, api) -> namesCaller(t.lowerUnprefixed()) && CALLER_SUBJECT.matcher(t.unprefixed()).lookingAt() && t.obliges()),
            new Rule("imperative", ClauseKind.CALLER_OBLIGATION,
                    "starts with an instruction: \"Use\", \"Call\", \"Do not\", \"Never\", \"Always\", \"Ensure\", \"Supply\", \"Create\"…",
                    (t, api) -> IMPERATIVE.matcher(t.lowerUnprefixed()).find()),
            new Rule("passive-obligation", ClauseKind.CALLER_OBLIGATION,
                    "\"must (not) be called/released/used/…\": something must be done with it",
                    (t, api) -> t.obligationWord() && PASSIVE_OBLIGATION.matcher(t.lower()).find()),
            new Rule("restricted-use", ClauseKind.CALLER_OBLIGATION,
                    "\"can only be called/used …\", \"can be called only …\", \"Only X can call …\", \"is available only …\": a restriction on who calls it, when or how",
                    (t, api) -> t.lowerUnprefixed().contains("only") && RESTRICTED_USE_VERB.matcher(t.lowerUnprefixed()).find()),
            new Rule("irql-permission", ClauseKind.CALLER_OBLIGATION,
                    "\"can be called at any IRQL\", \"callers … can be running at IRQL …\": at which IRQL the caller may be",
                    (t, api) -> (t.lower().contains("irql") || t.lower().contains("_level")) && IRQL_PERMISSION.matcher(t.lower()).find()),
            new Rule("declared-in", ClauseKind.INFORMATIVE,
                    "\"… is defined in the Foo.h header\": where a name is declared",
                    (t, api) -> (t.lower().contains(" defined in") || t.lower().contains(" declared in"))
                            && DECLARED_IN.matcher(t.lower()).find() && !t.obligationWord()),
            new Rule("data-subject", ClauseKind.INFORMATIVE,
                    "the subject is a data type or member (\"The FOO structure …\", \"… enumeration …\", \"The Bar member …\") and no obligation word follows",
                    (t, api) -> DATA_SUBJECT.matcher(t.unprefixed()).lookingAt() && !t.obligationWord()
                            && !PASSIVE_BEHAVIOUR.matcher(t.main()).find()),
            new Rule("lead-in", ClauseKind.INFORMATIVE,
                    "ends with a colon and has no obligation word: it introduces a list or a table",
                    (t, api) -> t.text().endsWith(":") && !t.obliges()),
            new Rule("api-identity", ClauseKind.INFORMATIVE,
                    "the subject is an API name or \"this function\", and the verb says what it is (\"is a macro\", \"are two versions of\", \"is not supported\")",
                    (t, api) -> t.apiEnd() >= 0 && IDENTITY.matcher(t.lowerUnprefixed().substring(t.apiEnd()).strip()).lookingAt()
                            && !t.obliges()),
            new Rule("api-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject is an API name or \"this/the function/routine/macro/IOCTL\", \"these functions\", no obligation word before any \"if/when/which…\"",
                    (t, api) -> t.apiEnd() >= 0 && !t.mainObliges()),
            new Rule("summary-verb", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "starts with what the API does, its subject left out: \"Gets the …\", \"Converts a …\", \"Calls the …\"",
                    (t, api) -> SUMMARY_VERB.matcher(t.unprefixed()).lookingAt() && !t.mainObliges()),
            new Rule("purpose", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "\"Filter drivers call the FooBar function to …\": what the page's API is for",
                    (t, api) -> api != null && !api.isEmpty() && purposeOf(t.unprefixed(), api) && !t.obliges()),
            new Rule("system-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject of the main clause is the system (the framework, the runtime, the I/O manager, NDIS, the port driver, the device…), no obligation word",
                    (t, api) -> SYSTEM_SUBJECT.matcher(t.lowerUnprefixed()).lookingAt() && !t.mainObliges()),
            new Rule("driver-does", ClauseKind.CALLER_OBLIGATION,
                    "the subject is the driver or client and the verb says, in the present, what it does: \"The driver returns …\"",
                    (t, api) -> DRIVER_DOES.matcher(t.lowerUnprefixed()).lookingAt()),
            new Rule("obligation-word", ClauseKind.CALLER_OBLIGATION,
                    "has must, must not, should, requires, is required, cannot, recommend, is not intended to be, or \"only … if\"",
                    (t, api) -> t.obliges()),
            new Rule("consequence", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "\"This ensures …\", \"This allows …\", \"Doing so causes …\": what follows from what was done, no obligation word",
                    (t, api) -> CONSEQUENCE.matcher(t.lowerUnprefixed()).lookingAt()),
            new Rule("passive-behaviour", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the main clause says what is done, in the passive: \"is written\", \"is restored\", \"are allocated\", \"will be pended\"…",
                    (t, api) -> PASSIVE_BEHAVIOUR.matcher(t.main()).find()
                            || PASSIVE_PARTICIPLE.matcher(t.main()).find()),
            new Rule("future-behaviour", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the main clause says what will happen: \"… will replace …\", \"… will not return …\"",
                    (t, api) -> WILL.matcher(t.main()).find()),
            new Rule("names-api", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "names the page's own API in its first words",
                    (t, api) -> api != null && !api.isEmpty() && firstWords(t.unprefixed(), 4).contains(api)),
            new Rule("otherwise", ClauseKind.INFORMATIVE,
                    "anything else",
                    (t, api) -> true));

    private ClauseKindRules() {
    }

    /** The kind of {@code text}, a sentence of the page documenting {@code api}. */
    static ClauseKind kindOf(String text, String api) {
        return kindOf(text, api, false);
    }

    /** The kind of {@code text}, a sentence of the page documenting {@code api}, standing in a note or not. */
    static ClauseKind kindOf(String text, String api, boolean inNote) {
        return ruleFor(text, api, inNote).kind();
    }

    /** The first rule that matches {@code text}. */
    static Rule ruleFor(String text, String api) {
        return ruleFor(text, api, false);
    }

    /** The first rule that matches {@code text}, standing in a note or not. */
    static Rule ruleFor(String text, String api, boolean inNote) {
        Sentence sentence = Sentence.of(text, inNote);
        for (Rule r : RULES) {
            if (r.test().test(sentence, api)) {
                return r;
            }
        }
        throw new IllegalStateException("the last rule matches everything");
    }


    /** An assignment, a brace, or a line ending in ";" or ")". */
    private static boolean isCode(String t) {
        String s = t.stripTrailing();
        return s.endsWith(";") || s.endsWith(")") || CODE.matcher(s).lookingAt();
    }

    /** Whether {@code t} has fewer than {@code n} words (runs of non-blanks). */
    private static boolean fewerWordsThan(String t, int n) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < t.length(); i++) {
            boolean blank = Character.isWhitespace(t.charAt(i));
            if (!blank && !inWord && ++words >= n) {
                return false;
            }
            inWord = !blank;
        }
        return true;
    }

    /** Where the subject ends when it is an API name, "this function", "the FOO IOCTL"…; -1 when it is none of these. */
    private static int apiSubjectEnd(Sentence t) {
        Matcher m = API_SUBJECT.matcher(t.unprefixed());
        if (m.lookingAt()) {
            return m.end();
        }
        m = NAMED_SUBJECT.matcher(t.unprefixed());
        if (m.lookingAt()) {
            return m.end();
        }
        m = FUNCTION_SUBJECT.matcher(t.lowerUnprefixed());
        return m.lookingAt() ? m.end() : -1;
    }

    /** "Filter drivers call the {@code api} function to …". */
    private static boolean purposeOf(String t, String api) {
        if (!t.contains("call") && !t.contains("use")) {
            return false;
        }
        Matcher m = PURPOSE.matcher(t);
        return m.lookingAt() && m.group(5).replaceAll("[^A-Za-z0-9_]", "").equals(api.replaceAll("[^A-Za-z0-9_]", ""));
    }

    /** Whether lowercase {@code t} has an obligation word, or "only … if". */
    private static boolean obliges(String t) {
        return hasObligationWord(t) || onlyIf(t);
    }

    /** What every match of {@link #OBLIGATION} contains: a sentence with none of them has no obligation word. */
    private static final String[] OBLIGATION_STEMS = {"must", "should", "shall", "cannot", "can not", "can't", "can neither", "may not", "requir", "need", "has to",
            "have to", "never", "not allowed", "not intended", "not meant", "not designed", "recommend"};

    /** Whether lowercase {@code t} has an obligation word: the stems are looked for first, the pattern only where one is. */
    private static boolean hasObligationWord(String t) {
        return containsAny(t, OBLIGATION_STEMS) && OBLIGATION.matcher(t).find();
    }

    /** What every match of {@link #CALLER_SUBJECT} contains (lowercase). */
    private static final String[] CALLER_WORDS = {"driver", "caller", "client", "thread", "miniport"};

    /** Whether lowercase {@code t} names a caller anywhere, which {@link #CALLER_SUBJECT} needs. */
    private static boolean namesCaller(String t) {
        return containsAny(t, CALLER_WORDS);
    }

    private static boolean containsAny(String t, String[] words) {
        for (String w : words) {
            if (t.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether lowercase {@code t} has "only" and, after it, "if". */
    private static boolean onlyIf(String t) {
        if (!t.contains("only")) {
            return false;
        }
        Matcher only = ONLY.matcher(t);
        return only.find() && IF.matcher(t).region(only.end(), t.length()).find();
    }

    private static final Pattern SUBORDINATE = Pattern.compile(
            "[ ,](?=[iwubas])(if|when|unless|until|because|while|whereas|although|which|so that|whether)\\b");

    /** The sentence up to its first subordinate clause: "X returns … if Y cannot …" gives "X returns …". */
    private static String mainClause(String t) {
        Matcher m = SUBORDINATE.matcher(t);
        return m.find() ? t.substring(0, m.start()) : t;
    }

    private static String firstWords(String t, int n) {
        String[] words = t.split(" ", n + 1);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }
}
