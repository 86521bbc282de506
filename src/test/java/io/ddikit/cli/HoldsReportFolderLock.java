package io.ddikit.cli;

import java.nio.file.Path;

/**
 * A process that holds the lock of a report folder, for {@link ReportFolderInUseTest}: locks the folder given, prints
 * {@code locked}, and holds the lock until its standard input ends or it is killed.
 */
final class HoldsReportFolderLock {
    private HoldsReportFolderLock() {
    }

    public static void main(String[] args) throws Exception {
        try (ReportFolderLock lock = ReportFolderLock.take(Path.of(args[0]), "ddikit run", ReportFolderLock.WRITING)) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // held until stdin closes
            }
        }
    }
}
