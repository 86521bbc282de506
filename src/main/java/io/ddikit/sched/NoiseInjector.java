package io.ddikit.sched;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Rewrites a class so that it calls a schedule point ({@link io.ddikit.sched.points.SchedulePoints}) before every
 * field read or write and before every call to {@code java.util.concurrent.atomic} classes or
 * {@link java.lang.invoke.VarHandle}: {@code sync} for volatile fields and atomic operations, {@code read} and
 * {@code write} (with the object whose field it is) for plain fields, {@code point} for final ones. Nothing else of
 * the class changes.
 */
final class NoiseInjector {
    /**
     * The internal name of {@code io.ddikit.sched.points.SchedulePoints}, the class injected calls go to: a name, not a
     * class reference, so that this package and the points package (which calls into this one) form no cycle.
     * {@code InstrumentingClassLoaderTest} runs injected code, so a wrong name fails there.
     */
    static final String POINTS = "io/ddikit/sched/points/SchedulePoints";
    private static final String KIT_SCHEDULING = "io/ddikit/sched/";

    /** An implementation class that calls the kit's schedule points itself: refused, never run. */
    public static final class ForbiddenCall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForbiddenCall(String message) {
            super(message);
        }
    }

    private NoiseInjector() {
    }

    /** The access flags of a field, by owner (internal name) and name, or -1 when unknown. */
    interface FieldFlags {
        int of(String owner, String field);
    }

    /** A class file's super class and its fields' access flags. */
    record ClassFields(String superName, java.util.Map<String, Integer> access) {
    }

    /**
     * @param classFile the class as compiled
     * @param flags     the access flags of fields of other classes than this one (with their super classes')
     */
    static byte[] inject(byte[] classFile, FieldFlags flags) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        java.util.Map<String, Integer> own = new java.util.HashMap<>();
        String[] self = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                self[0] = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                                              Object value) {
                own.put(name, access);
                return super.visitField(access, name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ("<clinit>".equals(name)) {
                    return mv;
                }
                FieldFlags lookup = (owner, field) -> owner.equals(self[0]) && own.containsKey(field)
                        ? own.get(field) : flags.of(owner, field);
                return new PointsBeforeMemoryOperations(mv, lookup, (access & Opcodes.ACC_SYNCHRONIZED) != 0, "<init>".equals(name));
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * Whether a call on an atomic class or a VarHandle has release semantics. Plain and opaque writes and every
     * read do not; volatile and release writes, compare-and-set, read-modify-write and fences do.
     */
    static boolean releases(String owner, String name) {
        if (name.endsWith("Plain") || name.endsWith("Opaque") || name.startsWith("get") && !name.startsWith("getAnd")
                || name.equals("acquireFence") || name.equals("loadLoadFence")) {
            return false;
        }
        if (owner.equals("java/lang/invoke/VarHandle")) {
            // VarHandle.set is a plain write; setVolatile and setRelease are not.
            return !name.equals("set");
        }
        return true;
    }

    /**
     * Whether a call on an atomic class or a VarHandle is an interlocked operation: an atomic read-modify-write
     * (compare-and-set or -exchange, weak or strong; get-and-set, get-and-add and the other {@code getAnd…};
     * {@code incrementAndGet} and the other {@code …AndGet}; the adders' and accumulators' {@code add},
     * {@code increment}, {@code decrement} and {@code accumulate}). Reads, writes and fences are not.
     */
    static boolean interlocked(String owner, String name) {
        if (name.startsWith("compareAnd") || name.startsWith("weakCompareAnd") || name.startsWith("getAnd")
                || name.endsWith("AndGet")) {
            return true;
        }
        return owner.startsWith("java/util/concurrent/atomic/") && (name.equals("add") || name.equals("increment")
                || name.equals("decrement") || name.equals("accumulate"));
    }

    /** A class file's super class and the access flags of the fields it declares. */
    static ClassFields fields(byte[] classFile) {
        java.util.Map<String, Integer> fields = new java.util.HashMap<>();
        String[] superName = new String[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String sup, String[] interfaces) {
                superName[0] = sup;
            }

            @Override
            public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                                              Object value) {
                fields.put(name, access);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassFields(superName[0], fields);
    }

    private static final class PointsBeforeMemoryOperations extends MethodVisitor {
        private static final String OBJECT_STRING = "(Ljava/lang/Object;Ljava/lang/String;)V";
        private final FieldFlags flags;
        private final boolean synchronizedMethod;
        private final boolean constructor;

        PointsBeforeMemoryOperations(MethodVisitor mv, FieldFlags flags, boolean synchronizedMethod, boolean constructor) {
            super(Opcodes.ASM9, mv);
            this.flags = flags;
            this.synchronizedMethod = synchronizedMethod;
            this.constructor = constructor;
        }

        /** The implementation's own code may not call the points the kit injects (to fake a release, say). */
        private static void refuseKitScheduling(String owner) {
            if (owner.startsWith(KIT_SCHEDULING)) {
                throw new ForbiddenCall("it calls the kit's own schedule points (" + owner.replace('/', '.') + ") itself");
            }
        }

        private static String simple(String owner) {
            return owner.substring(owner.lastIndexOf('/') + 1);
        }

        private void call(String method, String what) {
            super.visitLdcInsn(what);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, method, "(Ljava/lang/String;)V", false);
        }

        private void release() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, "release", "()V", false);
        }

        private void interlocked() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, "interlocked", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (synchronizedMethod) {
                // entering a synchronized method takes its monitor: an interlocked operation
                interlocked();
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            refuseKitScheduling(owner);
            int access = flags.of(owner, name);
            String field = simple(owner) + "." + name;
            boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
            if (access >= 0 && (access & Opcodes.ACC_VOLATILE) != 0) {
                call("sync", (write ? "write " : "read ") + field + " (volatile)");
                if (write) {
                    release();
                }
            } else if (access >= 0 && (access & Opcodes.ACC_FINAL) != 0) {
                call("point", (write ? "write " : "read ") + field + " (final)");
            } else if (constructor && opcode == Opcodes.PUTFIELD) {
                // the object may not be initialised yet (a store before super()), so it cannot be passed on
                call("point", "write " + field + " (in a constructor)");
            } else {
                plain(opcode, field, descriptor);
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        /** A plain access: the point gets the object whose field it is (null for a static one), left on the stack. */
        private void plain(int opcode, String field, String descriptor) {
            boolean wide = descriptor.equals("J") || descriptor.equals("D");
            switch (opcode) {
                case Opcodes.GETFIELD:
                    super.visitInsn(Opcodes.DUP);
                    break;
                case Opcodes.PUTFIELD:
                    if (wide) {
                        super.visitInsn(Opcodes.DUP2_X1);
                        super.visitInsn(Opcodes.POP2);
                        super.visitInsn(Opcodes.DUP_X2);
                    } else {
                        super.visitInsn(Opcodes.SWAP);
                        super.visitInsn(Opcodes.DUP_X1);
                    }
                    break;
                default:
                    super.visitInsn(Opcodes.ACONST_NULL);
            }
            super.visitLdcInsn(field);
            boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, write ? "write" : "read", OBJECT_STRING, false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            refuseKitScheduling(owner);
            if (owner.startsWith("java/util/concurrent/atomic/") || owner.equals("java/lang/invoke/VarHandle")) {
                call("sync", "call " + simple(owner) + "." + name);
                if (releases(owner, name)) {
                    release();
                }
                if (NoiseInjector.interlocked(owner, name)) {
                    interlocked();
                }
            } else if (owner.startsWith("java/util/concurrent/locks/")) {
                release();
                if (!name.equals("<init>")) {
                    interlocked();
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.MONITORENTER) {
                interlocked();
            }
            if (opcode == Opcodes.MONITOREXIT
                    || synchronizedMethod && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                release();
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // the points add at most three words to the stack (an object, a copy of a long value, a string)
            super.visitMaxs(maxStack + 4, maxLocals);
        }
    }
}
