package io.ddikit.run;

import io.ddikit.doc.DocPage;
import io.ddikit.suite.ApiFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The API families the kit has ({@link ApiFamily}, found with {@link ServiceLoader}), and which page and which feature
 * file belongs to which: a page to the family that names its path ({@link ApiFamily#pages()}), a feature file to the
 * family whose id is the name of a folder it lies in ({@code features/<id>/}).
 */
public final class Families {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private final Map<String, ApiFamily> byId;

    private Families(Map<String, ApiFamily> byId) {
        this.byId = byId;
    }

    /** The families the kit's own class loader sees. */
    public static Families kit() {
        return load(Families.class.getClassLoader());
    }

    /** The families {@code loader} sees; a family that cannot be loaded, a bad or twice-used id, is the kit's error. */
    public static Families load(ClassLoader loader) {
        Map<String, ApiFamily> found = new LinkedHashMap<>();
        try {
            for (ApiFamily f : ServiceLoader.load(ApiFamily.class, loader)) {
                String id = f.id();
                if (id == null || !ID.matcher(id).matches()) {
                    throw new IllegalStateException("the API family " + f.getClass().getName() + " has the id '" + id
                            + "', which is not lowercase words of a-z0-9 joined by '-'");
                }
                ApiFamily old = found.putIfAbsent(id, f);
                if (old != null) {
                    throw new IllegalStateException("two API families have the id '" + id + "': " + old.getClass().getName()
                            + " and " + f.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an API family cannot be loaded: " + e.getMessage(), e);
        }
        return new Families(found);
    }

    /** Every family, in the order the service files list them. */
    public List<ApiFamily> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ApiFamily> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The family {@code id}; a one-line {@link RunInputException} naming the known ones otherwise. */
    public ApiFamily require(String id) throws RunInputException {
        ApiFamily f = byId.get(id);
        if (f == null) {
            throw new RunInputException("no API family '" + id + "'; known: " + String.join(", ", byId.keySet()));
        }
        return f;
    }

    /** The family that owns the page read from {@code file}, if any. */
    public Optional<ApiFamily> ownerOf(String file) {
        String f = file.replace('\\', '/');
        for (ApiFamily family : byId.values()) {
            for (String page : family.pages()) {
                if (f.equals(page) || f.endsWith("/" + page)) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }

    /** The pages of {@code pages} that {@code family} owns, in their order. */
    public List<DocPage> pagesOf(ApiFamily family, List<DocPage> pages) {
        return pages.stream().filter(p -> ownerOf(p.file()).map(family::equals).orElse(false)).toList();
    }

    /** Whether the feature file at {@code file} is {@code family}'s: it lies in a folder named like the family's id. */
    public static boolean featureOf(ApiFamily family, String file) {
        Path parent = Path.of(file).toAbsolutePath().normalize().getParent();
        for (Path p = parent; p != null && p.getFileName() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals(family.id())) {
                return true;
            }
        }
        return false;
    }

    /** The family whose feature file {@code file} is, if any. */
    public Optional<ApiFamily> ofFeature(String file) {
        return byId.values().stream().filter(f -> featureOf(f, file)).findFirst();
    }

    /** The class name prefixes of every family's bundled and faulty implementations. */
    public List<String> implementationPackages() {
        List<String> all = new ArrayList<>();
        byId.values().forEach(f -> f.implementationPackages().stream().filter(p -> !all.contains(p)).forEach(all::add));
        return all;
    }

    /** The service types under which every family's providers are listed. */
    public List<String> providerServices() {
        List<String> all = new ArrayList<>();
        byId.values().forEach(f -> f.providerServices().stream().filter(p -> !all.contains(p)).forEach(all::add));
        return all;
    }
}
