package io.ddikit.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's jar carries its features and their pages, byte for byte, under {@code ddikit/}: a vendor's build runs
 * the suite from the class path ({@code @SelectClasspathResource("ddikit/features")}).
 */
class FeaturesOnTheClassPathTest {

    @Test
    void every_feature_and_page_is_a_class_path_resource_under_ddikit() throws IOException {
        for (Path folder : List.of(Path.of("features"), Path.of("docs-source"))) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as(folder.toString()).isNotEmpty();
            for (Path file : files) {
                String resource = "ddikit/" + folder.getFileName() + "/" + folder.relativize(file).toString().replace('\\', '/');
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                    assertThat(in).as(resource).isNotNull();
                    assertThat(in.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
                }
            }
        }
    }
}
