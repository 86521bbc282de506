package io.ddikit.sched;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class so that it calls {@link Noise#point()} before every field read or write and before every
 * call to {@code java.util.concurrent.atomic} classes or {@link java.lang.invoke.VarHandle}. Nothing else of
 * the class changes.
 */
final class NoiseInjector {
    private static final String NOISE = Noise.class.getName().replace('.', '/');

    private NoiseInjector() {
    }

    static byte[] inject(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return "<clinit>".equals(name) ? mv : new PointsBeforeMemoryOperations(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class PointsBeforeMemoryOperations extends MethodVisitor {
        PointsBeforeMemoryOperations(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        private void point() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, NOISE, "point", "()V", false);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            point();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (owner.startsWith("java/util/concurrent/atomic/") || owner.equals("java/lang/invoke/VarHandle")) {
                point();
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
