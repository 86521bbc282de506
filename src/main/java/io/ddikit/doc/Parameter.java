package io.ddikit.doc;

import java.util.List;

/**
 * A parameter, as the Syntax prototype and the Parameters section give it.
 *
 * @param name        the name ({@code SpinLock}); as the Parameters section writes it when the prototype lacks it
 * @param type        the C type from the prototype ({@code PNDIS_SPIN_LOCK}), or empty
 * @param annotations direction and SAL annotations without brackets: {@code in}, {@code out}, {@code _In_}
 * @param description plain text of the Parameters section entry, or empty
 */
public record Parameter(String name, String type, List<String> annotations, String description) {
    public Parameter {
        annotations = List.copyOf(annotations);
    }
}
