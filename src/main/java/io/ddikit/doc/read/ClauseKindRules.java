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
 *   <tr><td>note</td><td>informative</td><td>stands in a note, or starts "Note", with no obligation word in its main clause</td></tr>
 *   <tr><td>caller-subject</td><td>caller-obligation</td><td>subject is a driver, caller, client or thread, and an obligation word follows</td></tr>
 *   <tr><td>imperative</td><td>caller-obligation</td><td>starts with an instruction: "Use", "Call", "Do not", "Never", "Always", "Ensure"…</td></tr>
 *   <tr><td>passive-obligation</td><td>caller-obligation</td><td>"must/should (not) be called/released/used/…": something must be done to it</td></tr>
 *   <tr><td>restricted-use</td><td>caller-obligation</td><td>"can only be called/used …", "can be called only …"</td></tr>
 *   <tr><td>data-subject</td><td>informative</td><td>subject is a data type ("The FOO structure …"), no obligation word</td></tr>
 *   <tr><td>api-subject</td><td>implementation-behaviour</td><td>subject is an API name or "this/the function/routine/macro", no obligation word in the main clause (before if/when/which…)</td></tr>
 *   <tr><td>obligation-word</td><td>caller-obligation</td><td>has must, must not, should, requires, is required, cannot, "only … if"</td></tr>
 *   <tr><td>passive-behaviour</td><td>implementation-behaviour</td><td>main clause in the passive: "is written", "is restored", "is given"…</td></tr>
 *   <tr><td>names-api</td><td>implementation-behaviour</td><td>names the page's own API in its first words</td></tr>
 *   <tr><td>otherwise</td><td>informative</td><td>anything else</td></tr>
 * </table>
 */
final class ClauseKindRules {
    /** One rule: a name, what it matches, the kind it gives. */
    record Rule(String name, ClauseKind kind, String description, BiPredicate<Sentence, String> test) {
    }

    /**
     * A sentence as the rules see it, computed once: as written, lowercase, and without a leading adverb; and whether
     * it stands in a note ({@code > [!NOTE]}, {@code <div class="alert">}), whose label the reader drops.
     */
    record Sentence(String text, String lower, String unprefixed, String lowerUnprefixed, boolean inNote) {
        static Sentence of(String text) {
            return of(text, false);
        }

        static Sentence of(String text, boolean inNote) {
            String unprefixed = ADVERBIAL.matcher(text).replaceFirst("");
            return new Sentence(text, text.toLowerCase(Locale.ROOT), unprefixed, unprefixed.toLowerCase(Locale.ROOT), inNote);
        }
    }

    private static final Pattern POINTER = Pattern.compile(
            "^(for (more )?(information|details|an example|examples|a list|a description|a discussion|guidance)\\b|see |refer to "
                    + "|this (topic|section|page|article) (describes|discusses|explains|lists|contains|provides|introduces|shows)\\b)");
    private static final Pattern OBLIGATION = Pattern.compile(
            "\\b(must|should|shall|cannot|can ?not|can't|can neither|may not|mustn't|shouldn't|(?<!not )(?<!n't )(?:requires?|(?:is|are|be|been) required|required to)|needs? to|has to|have to|never|is not allowed|are not allowed)\\b");
    /** "only … if": the first "only", then an "if" after it (two scans, so a long sentence costs linear time). */
    private static final Pattern ONLY = Pattern.compile("\\bonly\\b");
    private static final Pattern IF = Pattern.compile("\\bif\\b");
    private static final Pattern ADVERBIAL = Pattern.compile(
            "^(otherwise|instead|however|therefore|in addition|additionally|also|likewise|similarly|in particular|consequently|then|thus|that is"
                    + "|(for|in|on|at|during|with|after|before|when|once|if|unless|to)\\b[^,]{0,80}),\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CALLER_SUBJECT = Pattern.compile(
            "^((a|an|the|each|every|any|all|no|your|its|their)\\s+)?(([a-z0-9-]+|[A-Z][A-Za-z0-9]*)\\s+){0,2}?(drivers?|callers?|clients?|threads?|miniports?|caller's)\\b"
                    + "|^callers of\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPERATIVE = Pattern.compile(
            "^(use|call|do not|don't|never|always|avoid|ensure|make sure|be sure|pass|set|specify|check|release|acquire|free|initialize)\\b");
    private static final Pattern PASSIVE_OBLIGATION = Pattern.compile(
            "\\b(must|should|shall)( not| never| only| always)? be (called|released|used|acquired|freed|initialized|invoked|"
                    + "specified|running|held|passed|set|allocated|deleted|paired|balanced|done|made|run|taken|closed)\\b");
    private static final Pattern PASSIVE_BEHAVIOUR = Pattern.compile(
            "\\b(is|are) (written|restored|saved|set|raised|lowered|returned|stored|released|acquired|cleared|disabled|"
                    + "enabled|updated|given|granted|performed|signaled|signalled|reset|incremented|decremented)\\b");
    /** "X can only be called at …", "can be used only by …": a restriction on the caller. */
    private static final Pattern RESTRICTED_USE_VERB = Pattern.compile(
            "\\b(can|may) (only be|be only) (called|used|invoked|run|executed|acquired|released|passed|specified|set|sent|issued)\\b"
                    + "|\\b(can|may) be (called|used|invoked|run|executed|acquired|released|passed|specified|set|sent|issued) only\\b");
    /** The subject is a data type the page documents: "The FOO structure …", "The BAR enumeration …". */
    private static final Pattern DATA_SUBJECT = Pattern.compile(
            "^(?i:the |this |a |an )?(_?[A-Za-z][A-Za-z0-9_]*) (structure|union|enumeration|enum|type|data type|typedef|class|interface)\\b");
    private static final Pattern FUNCTION_SUBJECT = Pattern.compile(
            "^(this|the) (function|routine|macro|method|call|service|api)\\b");
    private static final Pattern API_SUBJECT = Pattern.compile(
            "^(?i:the |both |calling |a call to |each call to )?(_?[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)( and [A-Z][A-Za-z0-9]+)?( (function|routine|macro|functions|routines|macros))?\\b");

    static final List<Rule> RULES = List.of(
            new Rule("pointer", ClauseKind.INFORMATIVE,
                    "starts \"For more information\", \"For details\", \"For an example\", \"See \", \"This topic describes\"…",
                    (t, api) -> POINTER.matcher(t.lower()).find()),
            new Rule("note", ClauseKind.INFORMATIVE,
                    "stands in a note, or starts \"Note\", and has no obligation word in its main clause",
                    (t, api) -> (t.inNote() || t.lower().startsWith("note")) && !obliges(mainClause(t.lower()))),
            new Rule("caller-subject", ClauseKind.CALLER_OBLIGATION,
                    "the subject is a driver, caller, client or thread, and an obligation word follows",
                    (t, api) -> CALLER_SUBJECT.matcher(t.unprefixed()).find() && obliges(t.lower())),
            new Rule("imperative", ClauseKind.CALLER_OBLIGATION,
                    "starts with an instruction: \"Use\", \"Call\", \"Do not\", \"Never\", \"Always\", \"Ensure\"…",
                    (t, api) -> IMPERATIVE.matcher(t.lowerUnprefixed()).find()),
            new Rule("passive-obligation", ClauseKind.CALLER_OBLIGATION,
                    "\"must (not) be called/released/used/…\": something must be done with it",
                    (t, api) -> PASSIVE_OBLIGATION.matcher(t.lower()).find()),
            new Rule("restricted-use", ClauseKind.CALLER_OBLIGATION,
                    "\"can only be called/used …\", \"can be called only …\": a restriction on who calls it, when or how",
                    (t, api) -> RESTRICTED_USE_VERB.matcher(t.lower()).find()),
            new Rule("data-subject", ClauseKind.INFORMATIVE,
                    "the subject is a data type (\"The FOO structure …\", \"… enumeration …\") and no obligation word follows",
                    (t, api) -> DATA_SUBJECT.matcher(t.unprefixed()).lookingAt() && !obliges(t.lower())),
            new Rule("api-subject", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the subject is an API name or \"this/the function/routine/macro\", no obligation word before any \"if/when/which…\"",
                    (t, api) -> (API_SUBJECT.matcher(t.unprefixed()).lookingAt() || FUNCTION_SUBJECT.matcher(t.lowerUnprefixed()).find())
                            && !obliges(mainClause(t.lowerUnprefixed()))),
            new Rule("obligation-word", ClauseKind.CALLER_OBLIGATION,
                    "has must, must not, should, requires, is required, cannot, or \"only … if\"",
                    (t, api) -> obliges(t.lower())),
            new Rule("passive-behaviour", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "the main clause says what is done, in the passive: \"is written\", \"is restored\", \"is given\"…",
                    (t, api) -> PASSIVE_BEHAVIOUR.matcher(mainClause(t.lowerUnprefixed())).find()),
            new Rule("names-api", ClauseKind.IMPLEMENTATION_BEHAVIOUR,
                    "names the page's own API in its first words",
                    (t, api) -> api != null && !api.isEmpty() && firstWords(t.text(), 4).contains(api)),
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

    /** Whether lowercase {@code t} has an obligation word, or "only … if". */
    private static boolean obliges(String t) {
        if (OBLIGATION.matcher(t).find()) {
            return true;
        }
        Matcher only = ONLY.matcher(t);
        return only.find() && IF.matcher(t).region(only.end(), t.length()).find();
    }

    private static final Pattern SUBORDINATE = Pattern.compile(
            "[ ,](if|when|unless|until|because|while|whereas|although|which|so that|whether)\\b", Pattern.CASE_INSENSITIVE);

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
