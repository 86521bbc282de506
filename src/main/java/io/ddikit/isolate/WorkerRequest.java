package io.ddikit.isolate;

import java.util.List;
import java.util.Map;

/**
 * What a worker process is asked to do, handed over as a JSON file.
 *
 * @param mode           {@code list} (name the implementations found) or {@code run} (run the suite)
 * @param classpath      the vendor's jars and class folders, absolute
 * @param family         the API family (its id) of the implementation to run (mode {@code run})
 * @param implementation the implementation to run (mode {@code run})
 * @param features       the family's feature files, absolute
 * @param tags           Cucumber tag expression, or empty
 * @param processors     simulated processors per machine
 * @param callTimeoutMillis bound on one call into the implementation
 * @param seed           seed of every randomised choice
 * @param outDir         where the results go, absolute
 * @param root           the project root, to which feature paths in results are made relative
 * @param pages          each page's file and fingerprint, recorded with the run
 * @param explore        schedules the controlled tier explores per scenario
 * @param replay         the one schedule to replay, or null
 * @param nativeLibrary  a C library (absolute) whose implementations to list or run instead of the class path's, or null
 * @param nativeName     the name its implementations go by
 * @param nativeVersion  their version
 */
public record WorkerRequest(String mode, List<String> classpath, String family, String implementation, List<String> features,
                            String tags, int processors, long callTimeoutMillis, long seed, String outDir, String root,
                            Map<String, String> pages, int explore, String replay,
                            String nativeLibrary, String nativeName, String nativeVersion) {
    public static final String LIST = "list";
    public static final String RUN = "run";

    public WorkerRequest {
        classpath = classpath == null ? List.of() : List.copyOf(classpath);
        features = features == null ? List.of() : List.copyOf(features);
        pages = pages == null ? Map.of() : Map.copyOf(pages);
    }

    /** This request with its results going to {@code dir}. */
    WorkerRequest withOutDir(String dir) {
        return new WorkerRequest(mode, classpath, family, implementation, features, tags, processors, callTimeoutMillis, seed, dir, root, pages,
                explore, replay, nativeLibrary, nativeName, nativeVersion);
    }

    /** This request for the C library {@code file}, its implementations named {@code name} at {@code version}. */
    public WorkerRequest withNative(String file, String name, String version) {
        return new WorkerRequest(mode, classpath, family, implementation, features, tags, processors, callTimeoutMillis, seed, outDir, root,
                pages, explore, replay, file, name, version);
    }

    /** A request to list the implementations on the class path. */
    public static WorkerRequest list(List<String> classpath) {
        return new WorkerRequest(LIST, classpath, null, null, List.of(), "", 1, 0, 0, null, null, Map.of(), 0, null, null, null, null);
    }
}
