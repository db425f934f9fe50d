package dev.weir.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lower layers never import higher ones (STYLE.md). The datapath's packages, lowest first, in the
 * order of the packet path; a package may use those before it, never those after.
 */
class LayeringTest {
    static final List<String> ORDER = List.of(
            "skb", "sim", "link", "pcap", "core", "trace", "qdisc", "napi", "nic", "l2", "neigh", "netfilter",
            "route", "ip", "socket", "udp", "tcp", "maps", "verifier", "hooks", "js", "app", "host", "tools",
            "topo", "cli");

    @Test
    void lowerLayersNeverDependOnHigherOnes() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.weir");
        List<AssertionError> failures = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            String[] higher = ORDER.subList(i + 1, ORDER.size()).stream().map(p -> "dev.weir." + p + "..").toArray(String[]::new);
            if (higher.length == 0) {
                continue;
            }
            try {
                noClasses().that().resideInAPackage("dev.weir." + ORDER.get(i) + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(higher)
                        .allowEmptyShould(true)
                        .because("dev.weir." + ORDER.get(i) + " sits below " + String.join(", ", ORDER.subList(i + 1, ORDER.size())))
                        .check(classes);
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            AssertionError all = new AssertionError(failures.size() + " layering violation group(s)");
            failures.forEach(all::addSuppressed);
            throw all;
        }
    }

    @Test
    void everyDatapathPackageHasAPlaceInTheOrder() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.weir");
        List<String> unknown = new ArrayList<>();
        classes.forEach(c -> {
            String pkg = c.getPackageName();
            if (pkg.startsWith("dev.weir.api")) {
                return;
            }
            String top = pkg.substring("dev.weir.".length()).split("\\.")[0];
            if (!ORDER.contains(top) && !unknown.contains(top)) {
                unknown.add(top);
            }
        });
        if (!unknown.isEmpty()) {
            throw new AssertionError("packages with no place in LayeringTest.ORDER: " + unknown);
        }
    }
}
