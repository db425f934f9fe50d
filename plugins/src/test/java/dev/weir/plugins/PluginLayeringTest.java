package dev.weir.plugins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * A plugin is an ordinary program: it may use hooks-api and the JDK, never the datapath. The
 * Maven enforcer refuses a dependency on anything but hooks-api; this rule refuses a reference
 * that reached the class path some other way.
 */
@AnalyzeClasses(packages = "dev.weir.plugins", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginLayeringTest {
    @ArchTest
    static final ArchRule pluginsUseOnlyHooksApi = classes()
            .that().resideInAPackage("dev.weir.plugins..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.weir.api..", "dev.weir.plugins..", "java..")
            .allowEmptyShould(true)
            .because("plugins depend on hooks-api only (DESIGN.md, Modules)");
}
