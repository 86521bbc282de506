package io.ddikit.report;

import ognl.ObjectPropertyAccessor;
import ognl.OgnlException;
import ognl.OgnlRuntime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a record's components in the report's templates ({@code ${row.id}}) through the component's accessor, found
 * once per record class. OGNL knows JavaBeans getters only: for a record it looks for {@code getId}, fails, and then
 * scans every method of the class, comparing names case-insensitively, on every read; a page of 150,000 sentences
 * spent most of its report's time there. Anything that is not a component goes to OGNL's own accessor.
 */
final class RecordAccessor extends ObjectPropertyAccessor {
    private static final ClassValue<Map<String, Method>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            RecordComponent[] components = type.getRecordComponents();
            if (components != null) {
                for (RecordComponent c : components) {
                    Method m = c.getAccessor();
                    m.setAccessible(true);
                    accessors.put(c.getName(), m);
                }
            }
            return Map.copyOf(accessors);
        }
    };

    private static final RecordAccessor INSTANCE = new RecordAccessor();

    private RecordAccessor() {
    }

    /** Makes OGNL read every record's components through this accessor (idempotent). */
    static void register() {
        OgnlRuntime.setPropertyAccessor(Record.class, INSTANCE);
    }

    @Override
    @SuppressWarnings("rawtypes") // OGNL's own signature
    public Object getProperty(Map context, Object target, Object name) throws OgnlException {
        Method accessor = name instanceof String s && target != null ? COMPONENTS.get(target.getClass()).get(s) : null;
        if (accessor == null) {
            return super.getProperty(context, target, name);
        }
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException e) {
            throw new OgnlException(name + " of " + target.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new OgnlException(name + " of " + target.getClass().getName(), e.getCause());
        }
    }
}
