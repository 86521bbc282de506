package io.ddikit.isolate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ddikit.result.ImplementationInfo;

import java.util.List;

/**
 * One line of the worker's progress stream (its standard output; the implementation's own output is sent to
 * standard error). Fields not used by an event's kind are null.
 *
 * @param e               the kind: {@code implementations}, {@code begin}, {@code start}, {@code end},
 *                        {@code problem}, {@code exit}, {@code input-error}, {@code kit-error}, {@code done}
 * @param implementations for {@code implementations}: what the class path offers
 * @param given           for {@code implementations}: the names of those found in the jars and folders given
 * @param name            for {@code start}/{@code end}: the scenario
 * @param location        for {@code start}/{@code end}: {@code file:line}
 * @param clauses         for {@code start}: the clause ids it checks
 * @param verdict         for {@code end}: the scenario's verdict label
 * @param message         for {@code problem}, {@code input-error}, {@code kit-error}: one line
 * @param at              for {@code exit}: the frame that ended the JVM, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(String e, List<ImplementationInfo> implementations, List<String> given, String name, String location,
                    List<String> clauses, String verdict, String message, String at) {
    static final String IMPLEMENTATIONS = "implementations";
    static final String START = "start";
    static final String END = "end";
    static final String PROBLEM = "problem";
    static final String EXIT = "exit";
    static final String INPUT_ERROR = "input-error";
    static final String KIT_ERROR = "kit-error";
    static final String DONE = "done";

    static Event of(String kind) {
        return new Event(kind, null, null, null, null, null, null, null, null);
    }

    static Event message(String kind, String message) {
        return new Event(kind, null, null, null, null, null, null, message, null);
    }
}
