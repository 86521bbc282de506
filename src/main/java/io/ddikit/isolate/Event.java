package io.ddikit.isolate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;

import java.util.List;

/**
 * One message of the worker's channel to the kit: one JSON object per line on a Unix domain socket that only the
 * kit's process and the worker hold (never standard output or error, which belong to the implementation). Fields
 * not used by an event's kind are null. The kit checks every event against {@link EventCheck} before it uses it.
 *
 * @param e               the kind: {@code implementations}, {@code begin}, {@code start}, {@code end},
 *                        {@code problem}, {@code exit}, {@code kit-error}, {@code done}
 * @param implementations for {@code implementations}: what the class path offers
 * @param implementation  for {@code begin}: the implementation as the worker loaded it
 * @param name            for {@code start}: the scenario
 * @param location        for {@code start}: {@code file:line}
 * @param result          for {@code end}: the scenario's result
 * @param message         for {@code problem} and {@code kit-error}: one line
 * @param at              for {@code exit}: the frame that ended the JVM, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(String e, List<Listed> implementations, ImplementationInfo implementation, String name,
                    String location, ScenarioResult result, String message, String at) {
    static final String IMPLEMENTATIONS = "implementations";
    static final String BEGIN = "begin";
    static final String START = "start";
    static final String END = "end";
    static final String PROBLEM = "problem";
    static final String EXIT = "exit";
    static final String KIT_ERROR = "kit-error";
    static final String DONE = "done";

    /**
     * One implementation a listing found.
     *
     * @param name         its name
     * @param version      its version
     * @param capabilities the capabilities it declares
     * @param provider     the class that provides it (as named in a services file)
     * @param given        whether it comes from the jars or folders the user gave, rather than with the kit
     */
    public record Listed(String family, String name, String version, List<String> capabilities, String provider, boolean given) {
    }

    static Event of(String kind) {
        return new Event(kind, null, null, null, null, null, null, null);
    }

    static Event message(String kind, String message) {
        return new Event(kind, null, null, null, null, null, message, null);
    }
}
