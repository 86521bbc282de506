package io.ddikit.doc;

import java.util.List;

/** The C prototype of the Syntax section: {@code VOID NdisReleaseSpinLock([in] PNDIS_SPIN_LOCK SpinLock);}. */
public record Prototype(String returnType, String name, List<Parameter> parameters, String source) {
    public Prototype {
        parameters = List.copyOf(parameters);
    }
}
