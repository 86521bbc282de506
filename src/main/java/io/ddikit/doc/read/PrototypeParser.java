package io.ddikit.doc.read;

import io.ddikit.doc.Parameter;
import io.ddikit.doc.Prototype;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the C prototype of a Syntax section: {@code VOID NdisReleaseSpinLock([in] PNDIS_SPIN_LOCK SpinLock);}.
 * Direction annotations in brackets ({@code [in]}, {@code [in, out]}) and SAL annotations
 * ({@code _In_}, {@code _Inout_opt_}) become the parameter's annotations; the last word is the name,
 * the rest the type.
 */
final class PrototypeParser {
    private static final Pattern CALL = Pattern.compile("^(.*?)\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*;?\\s*$", Pattern.DOTALL);
    private static final Pattern BRACKETS = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern SAL = Pattern.compile("\\b(_[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_)(\\s*\\([^)]*\\))?");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private PrototypeParser() {
    }

    static Optional<Prototype> parse(String code) {
        String src = code.replace('\u00A0', ' ').strip();
        String clean = COMMENTS.matcher(src).replaceAll(" ");
        Matcher m = CALL.matcher(clean.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String returnType = collapse(SAL.matcher(m.group(1)).replaceAll(" "));
        List<Parameter> params = new ArrayList<>();
        for (String p : splitTopLevel(m.group(3))) {
            Parameter parsed = parameter(p);
            if (parsed != null) {
                params.add(parsed);
            }
        }
        return Optional.of(new Prototype(returnType, m.group(2), params, src));
    }

    static Parameter parameter(String text) {
        List<String> annotations = new ArrayList<>();
        Matcher b = BRACKETS.matcher(text);
        while (b.find()) {
            annotations.addAll(splitAnnotations(b.group(1)));
        }
        String rest = BRACKETS.matcher(text).replaceAll(" ");
        Matcher s = SAL.matcher(rest);
        while (s.find()) {
            annotations.add(s.group(1));
        }
        rest = collapse(SAL.matcher(rest).replaceAll(" "));
        if (rest.isEmpty() || rest.equalsIgnoreCase("void") || rest.equals("...")) {
            return null;
        }
        int cut = Math.max(rest.lastIndexOf(' '), rest.lastIndexOf('*'));
        if (cut < 0) {
            return new Parameter(rest, "", annotations, "");
        }
        String name = rest.substring(cut + 1).trim();
        String type = rest.substring(0, cut + 1).trim();
        return new Parameter(name, type, annotations, "");
    }

    static List<String> splitAnnotations(String s) {
        List<String> out = new ArrayList<>();
        for (String a : s.split(",")) {
            if (!a.isBlank()) {
                out.add(a.trim());
            }
        }
        return out;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    static String collapse(String s) {
        return s.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
