package io.ddikit.isolate;

import io.ddikit.isolate.boot.WorkerBoot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How a worker JVM is started: its class path holds only {@link WorkerBoot}, copied into a folder of the kit's,
 * which defines the kit's own class path as one strongly encapsulated module and starts the worker in it.
 */
final class WorkerClasspath {
    private WorkerClasspath() {
    }

    /**
     * The jars and folders of the kit's class path. A build's test classes ({@code target/test-classes}, on the class
     * path when the kit's own tests start it) never enter a worker: an implementation under test comes only from the
     * jars and folders given to the worker, in a class loader of its own.
     */
    static List<Path> entries() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath().normalize())
                .filter(p -> !(p.getFileName() != null && p.getFileName().toString().equals("test-classes") && Files.isDirectory(p)))
                .toList();
    }

    /** Copies {@link WorkerBoot}'s class files into {@code dir}, which becomes the worker's class path. */
    static Path writeBoot(Path dir) throws IOException {
        String pkg = WorkerBoot.class.getPackageName().replace('.', '/');
        Path target = Files.createDirectories(dir.resolve(pkg));
        // the class and every class nested in it (its nest: named, local and anonymous)
        for (Class<?> c : WorkerBoot.class.getNestMembers()) {
            String name = c.getName().substring(c.getPackageName().length() + 1);
            try (InputStream in = WorkerBoot.class.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    throw new IOException("the kit's class " + pkg + "/" + name + ".class is missing");
                }
                Files.write(target.resolve(name + ".class"), in.readAllBytes());
            }
        }
        return dir;
    }

    /** The JVM arguments that start {@code mainClass} of the kit in its module, with {@code boot} from {@link #writeBoot}. */
    static List<String> launch(Path boot, String mainClass) {
        return List.of("-cp", boot.toString(), WorkerBoot.class.getName(),
                String.join(File.pathSeparator, entries().stream().map(Path::toString).toList()), mainClass);
    }
}
