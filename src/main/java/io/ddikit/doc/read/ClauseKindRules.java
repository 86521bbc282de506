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
 *   <tr><td>note</td><td>informative</td><td>stands in a note, or starts "Note", has no obligation word in its main clause, is no instruction, and its subject is neither the API nor the system</td></tr>
 *   <tr><td>caller-subject</td><td>caller-obligation</td><td>the subject is a driver, caller, client or thread, and an obligation word or "is responsible for" follows</td></tr>
 *   <tr><td>imperative</td><td>caller-obligation</td><td>starts with an instruction: "Use", "Call", "Do not", "Never", "Always", "Ensure", "Supply", "Create", "Please use"…</td></tr>
 *   <tr><td>called-by-caller</td><td>caller-obligation</td><td>starts "Called by the client driver …", "This function is called by the driver …": who calls it</td></tr>
 *   <tr><td>called-by-system</td><td>implementation-behaviour</td><td>starts "Called by the framework to …", "This callback is called by NDIS …", no obligation word: what the system does</td></tr>
 *   <tr><td>passive-obligation</td><td>caller-obligation</td><td>"must (not) be called/released/used/…": something must be done with it</td></tr>
 *   <tr><td>restricted-use</td><td>caller-obligation</td><td>"can only be called/used …", "can be called only …", "Only X can call …", "is available only …": a restriction on who calls it, when or how</td></tr>
 *   <tr><td>irql-permission</td><td>caller-obligation</td><td>"can be called at any IRQL", "callers … can be running at IRQL …": at which IRQL the caller may be</td></tr>
 *   <tr><td>declared-in</td><td>informative</td><td>"… is defined in the Foo.h header", "… are described in the SDK documentation": where a name is declared or told about</td></tr>
 *   <tr><td>data-subject</td><td>informative</td><td>the subject is a data type or member ("The FOO structure …", "… enumeration …", "The Bar member …") and no obligation word follows</td></tr>
 *   <tr><td>lead-in</td><td>informative</td><td>ends with a colon and has no obligation word: it introduces a list or a table</td></tr>
 *   <tr><td>api-identity</td><td>informative</td><td>the subject is an API name or "this function", and the verb says what it is ("is a macro", "are two versions of", "is not supported")</td></tr>
 *   <tr><td>data-use</td><td>informative</td><td>the page's API is a data type and the main clause says what uses it: "The FOO request uses the BAR structure to …"</td></tr>
 *   <tr><td>typical</td><td>informative</td><td>starts "Typically,", "Usually,", "In most cases,", no obligation word, and its subject is neither the API nor the system: what is commonly done</td></tr>
 *   <tr><td>api-subject</td><td>implementation-behaviour</td><td>the subject is an API name or "this/the function/routine/macro/IOCTL", "these functions", no obligation word before any "if/when/which…"</td></tr>
 *   <tr><td>summary-verb</td><td>implementation-behaviour</td><td>starts with what the API does, its subject left out: "Gets the …", "Converts a …", "Calls the …", "Used to create …"</td></tr>
 *   <tr><td>purpose</td><td>implementation-behaviour</td><td>"Filter drivers call the FooBar function to …": what the page's API is for</td></tr>
 *   <tr><td>system-subject</td><td>implementation-behaviour</td><td>the subject of the main clause is the system (the framework, the runtime, the I/O manager, NDIS, the port driver, the device…), no obligation word</td></tr>
 *   <tr><td>pronoun-subject</td><td>implementation-behaviour</td><td>the subject is "it", no driver, client or callback named before it, and the verb says what it does: "It returns …", "It passes …"</td></tr>
 *   <tr><td>state-change</td><td>implementation-behaviour</td><td>the main clause says something enters or is in a state: "… enters the Restarting state", "… is in the Paused state"</td></tr>
 *   <tr><td>status-label</td><td>implementation-behaviour</td><td>starts with a status and a colon ("STATUS_FOO: …", "E_FAIL: …"), no obligation word, no driver or caller as subject: when the API returns it</td></tr>
 *   <tr><td>status-meaning</td><td>implementation-behaviour</td><td>"A return value of STATUS_FOO means …", "The STATUS_FOO return value indicates …", no obligation word before its "that": what the API returns</td></tr>
 *   <tr><td>driver-does</td><td>caller-obligation</td><td>the subject is the driver or client and the verb says, in the present, what it does: "The driver returns …"</td></tr>
 *   <tr><td>obligation-word</td><td>caller-obligation</td><td>has must, must not, should, requires, is required, cannot, recommend, is not intended to be, or "only … if"</td></tr>
 *   <tr><td>consequence</td><td>implementation-behaviour</td><td>"This ensures …", "This allows …", "Doing so causes …", "This is because …": what follows from what was done, or why, no obligation word</td></tr>
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
            "\\b(?=[mscriabnhwi])(must|should|shall|cannot|can ?not|can't|can neither|may not|mustn't|shouldn't"
                    + "|(?<!not )(?<!n't )(?<!that )(?<!which )(?<!who )(?:requires?|(?:is|are|be|been) required|required to)"
                    + "|(?<!not )(?<!n't )(?:needs? to|has to|have to)|never|is not allowed|are not allowed"
                    + "|(?:is|are) not (?:intended|meant|designed) (?:to be|for)|(?:we|microsoft) (?:strongly )?recommends?|(?:is|are) (?:strongly )?recommended|recommended that|(?:it['’]s|it is|is) an? requirement)\\b");
    /** "… is responsible for …", "… are responsible for …": whose duty it is. */
    private static final Pattern RESPONSIBLE = Pattern.compile("\\b(is|are) (solely |fully |also )?responsible for\\b");
    /** "Called by the client driver to …", "This callback function is called by the framework when …": who calls it (group 1). */
    private static final Pattern CALLED_BY = Pattern.compile(
            "^(?:(?:it|(?:this|the) (?:[\\w-]+ ){0,2}?(?:function|routine|callback|callback function|method|ddi|macro)) (?:is |are )?)?(?:only |always |typically |usually )?called by "
                    + "(?:the |a |an |each |any )?(.+?)(?=\\s+(?:to|when|after|before|during|at|if|in|on|for|with|once|whenever|so)\\b|[,;.]|$)");
    /** In who calls it: a driver or application that uses the API, not the system's port, bus or class driver. */
    private static final Pattern CALLER_AGENT = Pattern.compile(
            "\\b(?<!port |bus |class |system-supplied |inbox )(drivers?|minidrivers?|miniports?|clients?|callers?|applications?|apps?|plug-ins?|services?)\\b");
    /** "only … if": the first "only", then an "if" after it (two scans, so a long sentence costs linear time). */
    private static final Pattern ONLY = Pattern.compile("\\bonly\\b");
    private static final Pattern IF = Pattern.compile("\\bif\\b");
    private static final Pattern NOTE_LABEL = Pattern.compile("^note( that)?\\b[:,]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADVERBIAL = Pattern.compile(
            "^(otherwise|instead|however|therefore|in addition|additionally|also|likewise|similarly|in particular|consequently|then|thus|that is"
                    + "|(for|in|on|at|during|with|after|before|when|once|if|unless|to|instead of|because|as|since|while|until|upon|(and|or|but) (therefore|thus|hence|so|then|if|when|because|since))\\b[^,]{0,200}),[\"”’]?\\s*"
                    + "|^(?-i:[A-Z][A-Z0-9_]{2,}):\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern CALLER_SUBJECT = Pattern.compile(
            "^((a|an|the|each|every|any|all|no|your|its|their)\\s+)?(([a-z0-9-]+|[A-Z][A-Za-z0-9]*)\\s+){0,2}?(drivers?|callers?|clients?|threads?|miniports?|caller's)\\b"
                    + "|^callers of\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPERATIVE = Pattern.compile(
            "^(?:please\\s+)?(?:use|call|do not|don't|never|always|avoid|ensure|make sure|be sure|pass|set|specify|check|release|acquire|free|initialize"
                    + "|supply|create|implement|provide|declare|register|allocate|add|include|store|save|select|choose|open|close"
                    + "|wait|send|complete|cancel|verify|validate|test|define|consider|remember|keep|follow|install|link|zero|lock|unlock"
                    + "|perform|fill|copy|obtain|retrieve|determine|disable|enable|delete|remove|configure|unregister|deregister|insert|prepare"
                    + "|destroy|restore|get|mark)(?=[\\s,])");
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
            "^(?!(?i:describes|contains|represents|defines|specifies|identifies|holds|stores|lists|indicates|applies|includes|is|its|has|was|does|provides information|requirements|remarks|parameters|returns? values?)\\b)"
                    + "[A-Za-z][a-z]*[a-hj-rtv-z]s (\\([^)]{1,40}\\) )?(a|an|the|this|these|that|those|its|their|his|one|all|any|each|whether|up|new|data|information|[A-Z_]{2,}\\w*|[A-Z][a-z0-9]+[A-Z]\\w*|[a-z]+[A-Z]\\w*)\\b");
    /** "Used to create a session.": what the API is for, its subject left out (not what data is for: "Used to describe …"). */
    private static final Pattern USED_TO = Pattern.compile(
            "^(?:is |are )?used (?:to|for) (?!(?:describe|specify|identify|define|hold|store|indicate|contain|represent|pass|report|list|supply|provide)\\b)[a-z]+\\b");
    /** "… are described in the Windows SDK documentation": where something is told, not what it does. */
    private static final Pattern DESCRIBED_IN = Pattern.compile("\\b(?=[ia])(is|are) (described|documented|discussed|explained) (in|under)\\b");
    /** "It returns …", "It passes …": the pronoun standing for the API, and what it does in the present. */
    private static final Pattern IT_DOES = Pattern.compile(
            "^it (?:then |also |first |only |always |never |immediately |internally )?(?!(?:is|was|has|does not have|does not need|does not matter|matters|seems|appears)\\b)[a-z]+s\\b");
    /** "… enters the Restarting state", "… is in the Paused state": a change of state the system makes. */
    private static final Pattern STATE_CHANGE = Pattern.compile(
            "\\b(?=[eirtgm])(enters?|is in|are in|remains? in|transitions? to|returns? to|goes to|moves? to|is placed in|are placed in) the [\\w-]+ state\\b");
    /** "STATUS_FOO: …", "E_FAIL: …", "D3DERR_FOO: …": what a status the API returns means. */
    private static final Pattern STATUS_LABEL = Pattern.compile(
            "^(?:STATUS|E|S|ERROR|HR|NDIS_STATUS|[A-Z0-9]+ERR|[A-Z0-9]+_E|[A-Z0-9]+_S)_[A-Z0-9_]+:\\s");
    /** "A return value of STATUS_FOO means …", "The STATUS_FOO return value indicates …": what a value the API returns means. */
    private static final Pattern STATUS_MEANING = Pattern.compile(
            "^(?:a |an |the |this |that )?(?:\\S+ )?(?:return(?:ed)? (?:value|status|code)|return status)(?: of \\S+)? (?:means|indicates|signifies|shows)\\b");
    /** "Typically, …", "Usually, …": what is commonly done, not what must be or is done. */
    private static final Pattern TYPICAL = Pattern.compile(
            "^(typically|usually|generally|normally|often|in most cases|in general|most of the time),\\s");
    /** The subject of the main clause is the system: the framework, the runtime, the I/O manager, NDIS, the port driver… */
    private static final Pattern SYSTEM_SUBJECT = Pattern.compile(
            "^((a|an|the|this|each|every)\\s+)?((?!(a|an|the)\\b)[\\w/-]+\\s+){0,3}?(framework|runtime|operating system|system|os|kernel|manager|subsystem|engine|debugger|spooler"
                    + "|ndis|ktm|pofx|ntfs|hal|storport|sercx2?|spbcx|ucx|gpioclx|dxgkrnl|wdf|kmdf|umdf|hardware|device|controller"
                    + "|(port|bus|class|system-supplied|inbox)( [\\w-]+)? driver|port|filter manager|isr|request|operation|call)\\s+"
                    + "(will |then |also |always |never |automatically |immediately |first |only |now |still |internally |typically )?"
                    + "(?!(must|should|shall|needs|is|are|was|were|has|have|had|objects|drivers|operations|settings|resources|extensions|properties"
                    + "|interfaces|stacks|types|nodes|instances|classes|contexts|functions|routines|callbacks|parameters|members|fields|structures|events"
                    + "|packets|identifiers|devices|entries|modes|levels|capabilities|components|policies|descriptors|ids|apis|methods|notifications)\\b)"
                    + "([a-z]+(s|ed)|can|may|might|could)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The subject is the driver or client, telling what it does in the present: "The driver returns …", "The client driver prepares …". */
    private static final Pattern DRIVER_DOES = Pattern.compile(
            "^((a|an|the|your|each|every|this)\\s+)?(?!port\\b|bus\\b|class\\b|system-supplied\\b)((?!(a|an|the)\\b)[\\w-]+\\s+){0,2}?(?<!port |bus |class )"
                    + "(driver|minidriver|miniport|miniport driver|client|client driver|callout driver|filter driver|monitor|provider|callback function|routine)\\s+"
                    + "(?!(typically|often|usually|generally|normally|sometimes|also can|can|may|might|could|need|needs|does not have|does not need|is|are|was|has|receives|gets|uses)\\b)[a-z]+s\\b");
    /** "Filter drivers call the FooBar function to …": what the API is for, said from the caller's side. */
    private static final Pattern PURPOSE = Pattern.compile(
            "^([\\w-]+\\s+){0,3}?(drivers?|callers?|clients?|miniports?|minidrivers?|applications?|components?|providers?)\\s+(call|calls|use|uses)\\s+(the\\s+)?(\\S+)[^.]*?\\bto\\b");
    /** "This ensures …", "Doing so causes …": what follows from what the sentence before said was done. */
    private static final Pattern CONSEQUENCE = Pattern.compile(
            "^(this|that|doing so|which) (also )?(prevents|ensures|guarantees|causes|allows|enables|means|makes|lets|keeps|avoids|results|reduces|improves|gives|stops|forces"
                    + "|is (because|why|so that))\\b");
    private static final Pattern WILL = Pattern.compile("\\bwill (not )?(be )?[a-z]+");
    private static final Pattern PASSIVE_PARTICIPLE = Pattern.compile(
            "\\b(?=[iwag])(?<!that |which |who )(is|are|will be|gets|get) (also |then |not |only |always |never |automatically |immediately |dynamically |directly |internally |first )?"
                    + "(?!used|defined|declared|required|intended|supported|deprecated|reserved|designed|based|named|listed|described|documented"
                    + "|specified|needed|expected|recommended|allowed|permitted|associated|related|located|contained|included|limited|aligned"
                    + "|provided|obsolete|introduced|available|optional|valid|invalid|ignored by|discussed|explained|shown|illustrated|implemented by|guaranteed)"
                    + "([a-z]+ed|written|given|taken|driven|known|seen|done|made|sent|set|put|run|held|kept|built|lost|left|found|thrown|chosen|bound)\\s+\\w");
    /** The subject is a data type the page documents: "The FOO structure …", "The BAR enumeration …". */
    private static final Pattern DATA_SUBJECT = Pattern.compile(
            "^(?i:the |this |a |an )?(_?[A-Za-z][A-Za-z0-9_]*) (structure|union|enumeration|enum|type|data type|typedef|class|interface|member|field|flag|constant|members|fields|flags|constants|annotation|header|header file)\\b"
                    + "(?! (drivers?|extensions?|installers?)\\b)");
    private static final Pattern FUNCTION_SUBJECT = Pattern.compile(
            "^((this|the) (function|routine|macro|method|call|service|api|ioctl|request|callback|callback function|ddi)"
            + "|(all of )?(these|the|both|all) (functions|routines|macros|methods|ioctls|requests|callbacks)"
            + ")\\b");
    /** "The pfnFooCb function …", "This IOCTL_FOO request …": any name, then what it is. */
    private static final Pattern NAMED_SUBJECT = Pattern.compile(
            "^(?i:this|the|a|an|each|calling the|a call to the) [^\\s]*[A-Z0-9_][^\\s]* (?i:function|routine|macro|method|callback|callback function|ioctl|request|ddi|call)s?\\b");
    /** "uses the FOO structure", "uses an array of FOO structures": the data type used, group 1 (lowercase). */
    private static final Pattern USES_TYPE = Pattern.compile(
            "\\b(?:uses?|is used by|are used by)\\s+(?:an? |the |its |their )?(?:array of |pointer to )?([\\w]+)\\s+(?:structures?|unions?|enumerations?|values?|types?)\\b");
    /** After a name: what says it names data, not an API ("the DeviceObject parameter"). */
    private static final Pattern DATA_NOUN = Pattern.compile(
            "\\s+(parameters?|members?|fields?|arguments?|values?|structures?|flags?|bits?|arrays?|buffers?|pointers?|variables?)\\b");
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
                    "stands in a note, or starts \"Note\", has no obligation word in its main clause, is no instruction, and its subject is neither the API nor the system",
                    (t, api) -> (t.inNote() || t.lower().startsWith("note")) && !t.mainObliges()
                            && t.apiEnd() < 0 && !SYSTEM_SUBJECT.matcher(t.lowerUnprefixed()).lookingAt()
                            && !IMPERATIVE.matcher(t.lowerUnprefixed()).find()),
            new Rule("caller-subject", ClauseKind.CALLER_OBLIGATION,
                    "the subject is a driver, caller, client or thread, and an obligation word or \"is responsible for\" follows",
                    (t, api) -> namesCaller(t.lowerUnprefixed()) && CALLER_SUBJECT.matcher(t.unprefixed()).lookingAt()
                            && (t.obliges() || RESPONSIBLE.matcher(t.main()).find())),
            new Rule("imperative", ClauseKind.CALLER_OBLIGATION,
                    "starts with an instruction: \"Use\", \"Call\", \"Do not\", \"Never\", \"Always\", \"Ensure\", \"Supply\", \"Create\", \"Please use\"…",
                    (t, api) -> IMPERATIVE.matcher(t.lowerUnprefixed()).find()),
            new Rule("called-by-caller", ClauseKind.CALLER_OBLIGATION,
                    "starts \"Called by the client driver …\", \"This function is called by the driver …\": who calls it",
                    (t, api) -> calledBy(t) == ClauseKind.CALLER_OBLIGATION),
            new Rule("called-by-system", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "starts \"Called by the framework to …\", \"This callback is called by NDIS …\", no obligation word: what the system does",
                    (t, api) -> calledBy(t) == ClauseKind.IMPLEMENTATION_BEHAVIOUR && !t.mainObliges()),
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
                    "\"… is defined in the Foo.h header\", \"… are described in the SDK documentation\": where a name is declared or told about",
                    (t, api) -> ((t.lower().contains(" defined in") || t.lower().contains(" declared in"))
                            && DECLARED_IN.matcher(t.lower()).find()
                            || t.lower().contains("ed in") && DESCRIBED_IN.matcher(t.main()).find()) && !t.obligationWord()),
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
            new Rule("data-use", ClauseKind.INFORMATIVE,
                    "the page's API is a data type and the main clause says what uses it: \"The FOO request uses the BAR structure to …\"",
                    (t, api) -> usesPageType(t, api) && !t.mainObliges()),
            new Rule("typical", ClauseKind.INFORMATIVE,
                    "starts \"Typically,\", \"Usually,\", \"In most cases,\", no obligation word, and its subject is neither the API nor the system: what is commonly done",
                    (t, api) -> TYPICAL.matcher(t.lower()).lookingAt() && !t.mainObliges() && t.apiEnd() < 0
                            && !SYSTEM_SUBJECT.matcher(t.lowerUnprefixed()).lookingAt()),
            new Rule("api-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject is an API name or \"this/the function/routine/macro/IOCTL\", \"these functions\", no obligation word before any \"if/when/which…\"",
                    (t, api) -> t.apiEnd() >= 0 && !t.mainObliges()),
            new Rule("summary-verb", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "starts with what the API does, its subject left out: \"Gets the …\", \"Converts a …\", \"Calls the …\", \"Used to create …\"",
                    (t, api) -> (SUMMARY_VERB.matcher(t.unprefixed()).lookingAt() || USED_TO.matcher(t.lower()).lookingAt())
                            && !t.mainObliges()),
            new Rule("purpose", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "\"Filter drivers call the FooBar function to …\": what the page's API is for",
                    (t, api) -> api != null && !api.isEmpty() && purposeOf(t.unprefixed(), api) && !obliges(upTo(t.lower(), " that "))),
            new Rule("system-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject of the main clause is the system (the framework, the runtime, the I/O manager, NDIS, the port driver, the device…), no obligation word",
                    (t, api) -> SYSTEM_SUBJECT.matcher(t.lowerUnprefixed()).lookingAt() && !t.mainObliges()),
            new Rule("pronoun-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject is \"it\", no driver, client or callback named before it, and the verb says what it does: \"It returns …\", \"It passes …\"",
                    (t, api) -> IT_DOES.matcher(t.lowerUnprefixed()).lookingAt() && !t.mainObliges()
                            && !namesCallerOrCallback(t.lower().substring(0, t.lower().length() - t.lowerUnprefixed().length()))),
            new Rule("state-change", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the main clause says something enters or is in a state: \"… enters the Restarting state\", \"… is in the Paused state\"",
                    (t, api) -> t.lower().contains(" state") && STATE_CHANGE.matcher(t.main()).find() && !t.mainObliges()),
            new Rule("status-label", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "starts with a status and a colon (\"STATUS_FOO: …\", \"E_FAIL: …\"), no obligation word, no driver or caller as subject: when the API returns it",
                    (t, api) -> STATUS_LABEL.matcher(t.text()).lookingAt() && !t.obliges()
                            && !CALLER_SUBJECT.matcher(t.unprefixed()).lookingAt()),
            new Rule("status-meaning", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "\"A return value of STATUS_FOO means …\", \"The STATUS_FOO return value indicates …\", no obligation word before its \"that\": what the API returns",
                    (t, api) -> t.lowerUnprefixed().contains("return") && STATUS_MEANING.matcher(t.lowerUnprefixed()).lookingAt()
                            && !obliges(upTo(t.lowerUnprefixed(), " that "))),
            new Rule("driver-does", ClauseKind.CALLER_OBLIGATION,
                    "the subject is the driver or client and the verb says, in the present, what it does: \"The driver returns …\"",
                    (t, api) -> DRIVER_DOES.matcher(t.lowerUnprefixed()).lookingAt()),
            new Rule("obligation-word", ClauseKind.CALLER_OBLIGATION,
                    "has must, must not, should, requires, is required, cannot, recommend, is not intended to be, or \"only … if\"",
                    (t, api) -> t.obliges()),
            new Rule("consequence", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "\"This ensures …\", \"This allows …\", \"Doing so causes …\", \"This is because …\": what follows from what was done, or why, no obligation word",
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
        if (m.lookingAt() && !DATA_NOUN.matcher(t.unprefixed()).region(m.end(), t.unprefixed().length()).lookingAt()) {
            return m.end();
        }
        m = NAMED_SUBJECT.matcher(t.unprefixed());
        if (m.lookingAt()) {
            return m.end();
        }
        m = FUNCTION_SUBJECT.matcher(t.lowerUnprefixed());
        return m.lookingAt() ? m.end() : -1;
    }

    /** Who calls it, when the sentence says so first: a caller (caller obligation), the system (implementation behaviour), or null. */
    private static ClauseKind calledBy(Sentence t) {
        if (!t.lowerUnprefixed().contains("called by")) {
            return null;
        }
        Matcher m = CALLED_BY.matcher(t.lowerUnprefixed());
        if (!m.lookingAt()) {
            return null;
        }
        return CALLER_AGENT.matcher(m.group(1)).find() ? ClauseKind.CALLER_OBLIGATION : ClauseKind.IMPLEMENTATION_BEHAVIOUR;
    }

    /** Whether the main clause says that something uses {@code api}, a data type: "… uses GROUP_AFFINITY structures to …". */
    private static boolean usesPageType(Sentence t, String api) {
        if (api == null || api.isEmpty() || !t.main().contains("use")) {
            return false;
        }
        String name = api.replaceFirst("^_+", "").toLowerCase(Locale.ROOT);
        Matcher m = USES_TYPE.matcher(t.main());
        while (m.find()) {
            if (m.group(1).replaceFirst("^_+", "").equals(name)) {
                return true;
            }
        }
        return false;
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

    /** Whether lowercase {@code t} names a caller or a callback, which a following "it" may stand for. */
    private static boolean namesCallerOrCallback(String t) {
        return namesCaller(t) || t.contains("callback");
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

    /**
     * The sentence up to its first subordinate clause: "X returns … if Y cannot …" gives "X returns …". A short one between
     * commas is left out and the clause goes on: "TCP connections, if allowed, are created …" gives "tcp connections are created …".
     */
    private static String mainClause(String t) {
        Matcher m = SUBORDINATE.matcher(t);
        StringBuilder kept = new StringBuilder();
        int from = 0;
        while (m.find()) {
            int close = m.start() > 0 && t.charAt(m.start() - 1) == ',' ? t.indexOf(',', m.end()) : -1;
            if (close < 0 || close - m.end() > PARENTHETICAL_MAX || close + 1 >= t.length()) {
                return kept.append(t, from, m.start()).toString();
            }
            kept.append(t, from, m.start() - 1);
            from = close + 1;
            m.region(from, t.length());
        }
        return kept.append(t, from, t.length()).toString();
    }

    /** The longest subordinate clause between commas that {@link #mainClause} leaves out. */
    private static final int PARENTHETICAL_MAX = 30;

    /** {@code t} up to the first {@code stop}, or all of it. */
    private static String upTo(String t, String stop) {
        int i = t.indexOf(stop);
        return i < 0 ? t : t.substring(0, i);
    }

    private static String firstWords(String t, int n) {
        String[] words = t.split(" ", n + 1);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }
}
