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
 * Rewrites a class so that it calls {@link Noise#point()} before every field read or write and before every
 * call to {@code java.util.concurrent.atomic} classes or {@link java.lang.invoke.VarHandle}. Nothing else of
 * the class changes.
 */
final class NoiseInjector {
    private static final String POINTS = io.ddikit.sched.points.SchedulePoints.class.getName().replace('.', '/');
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

    /**
     * @param classFile     the class as compiled
     * @param volatileField whether a field, by owner (internal name) and name, is volatile; for fields of
     *                      other classes than this one
     */
    static byte[] inject(byte[] classFile, BiPredicate<String, String> volatileField) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        Set<String> volatileFields = new HashSet<>();
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
                if ((access & Opcodes.ACC_VOLATILE) != 0) {
                    volatileFields.add(name);
                }
                return super.visitField(access, name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ("<clinit>".equals(name)) {
                    return mv;
                }
                BiPredicate<String, String> isVolatile = (owner, field) -> owner.equals(self[0])
                        ? volatileFields.contains(field) : volatileField.test(owner, field);
                return new PointsBeforeMemoryOperations(mv, isVolatile, (access & Opcodes.ACC_SYNCHRONIZED) != 0);
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

    /** The volatile fields a class file declares. */
    static Set<String> volatileFields(byte[] classFile) {
        Set<String> fields = new HashSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                                              Object value) {
                if ((access & Opcodes.ACC_VOLATILE) != 0) {
                    fields.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return fields;
    }

    private static final class PointsBeforeMemoryOperations extends MethodVisitor {
        private final BiPredicate<String, String> isVolatile;
        private final boolean synchronizedMethod;

        PointsBeforeMemoryOperations(MethodVisitor mv, BiPredicate<String, String> isVolatile, boolean synchronizedMethod) {
            super(Opcodes.ASM9, mv);
            this.isVolatile = isVolatile;
            this.synchronizedMethod = synchronizedMethod;
        }

        /** The implementation's own code may not call the points the kit injects (to fake a release, say). */
        private static void refuseKitScheduling(String owner) {
            if (owner.startsWith(KIT_SCHEDULING)) {
                throw new ForbiddenCall("it calls the kit's own schedule points (" + owner.replace('/', '.') + ") itself");
            }
        }

        private void point() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, "point", "()V", false);
        }

        private void release() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, POINTS, "release", "()V", false);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            refuseKitScheduling(owner);
            point();
            if ((opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) && isVolatile.test(owner, name)) {
                release();
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            refuseKitScheduling(owner);
            if (owner.startsWith("java/util/concurrent/atomic/") || owner.equals("java/lang/invoke/VarHandle")) {
                point();
                if (releases(owner, name)) {
                    release();
                }
            } else if (owner.startsWith("java/util/concurrent/locks/")) {
                release();
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.MONITOREXIT
                    || synchronizedMethod && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                release();
            }
            super.visitInsn(opcode);
        }
    }
}
