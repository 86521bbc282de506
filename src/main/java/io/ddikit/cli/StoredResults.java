package io.ddikit.cli;

import io.ddikit.result.RunMerger;
import io.ddikit.run.ResultStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the results a run left in a report folder: one {@code <family>/<slug>/run.json} (with {@code scenarios.ndjson})
 * per implementation of a family (and {@code <slug>/run.json}, as a kit that knew no families wrote them). The
 * self-test's folder and folders without {@code run.json} are not results.
 */
final class StoredResults {
    static final String RUN_FILE = "run.json";
    static final String SELFTEST = "selftest";

    private StoredResults() {
    }

    /** A store and where it was read from. */
    record Found(Path dir, RunMerger.Part part) {
    }

    /**
     * Reads every store directly under {@code dir}, in folder-name order.
     *
     * @throws Project.InputError naming the folder or file when {@code dir} is missing, holds no results, or a store
     *                            cannot be read
     */
    static List<Found> under(Path dir) throws Project.InputError {
        if (!Files.exists(dir)) {
            throw new Project.InputError(dir + ": no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new Project.InputError(dir + ": not a folder");
        }
        List<Path> stores = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path c : children.filter(Files::isDirectory).filter(c -> !c.getFileName().toString().equals(SELFTEST))
                    .sorted().toList()) {
                if (Files.isRegularFile(c.resolve(RUN_FILE))) {
                    stores.add(c);
                    continue;
                }
                try (Stream<Path> grand = Files.list(c)) {
                    grand.filter(Files::isDirectory).filter(g -> Files.isRegularFile(g.resolve(RUN_FILE))).sorted()
                            .forEach(stores::add);
                }
            }
        } catch (IOException e) {
            throw new Project.InputError(dir + ": cannot list the folder: " + e.getMessage());
        }
        if (stores.isEmpty()) {
            throw new Project.InputError(dir + ": no results (no <family>/<implementation>/" + RUN_FILE + " in it)");
        }
        List<Found> found = new ArrayList<>();
        for (Path store : stores) {
            try {
                ResultStore.Stored s = ResultStore.read(store);
                found.add(new Found(store, new RunMerger.Part(store.toString(), s.implementation(), s.run(), s.scenarios())));
            } catch (IOException e) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new Project.InputError(m.startsWith(store.toString()) ? m : store + ": unreadable results: " + m);
            }
        }
        return found;
    }
}
