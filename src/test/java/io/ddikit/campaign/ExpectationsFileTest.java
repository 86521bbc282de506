package io.ddikit.campaign;

import io.ddikit.result.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expectations file's schema: what it accepts, and the file:line of what it refuses. */
class ExpectationsFileTest {
    private static final Path F = Path.of("exp.yaml");

    private static ExpectationsFile parse(String text) throws ExpectationsFile.InvalidException {
        return ExpectationsFile.parse(F, text);
    }

    @Test
    void an_entry_per_clause_or_scenario_with_its_reason_bug_and_expiry() throws Exception {
        ExpectationsFile f = parse("""
                ddikit-expectations: 1
                expectations:
                  - clause: A.remarks.x
                    implementation: ke-spin-lock/acme
                    expect: not applicable
                    reason: the page's DIRQL case
                    bug: https://bugs.example/1
                    expires: 2027-01-31
                  - scenario: features/x.feature:12
                    expect: failed
                    reason: "known: see 2"
                    expires: 2027-02-01
                """);
        assertThat(f.entries()).hasSize(2);
        var a = f.entries().get(0);
        assertThat(a.line()).isEqualTo(3);
        assertThat(a.expect()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(a.appliesTo("ke-spin-lock", "acme")).isTrue();
        assertThat(a.appliesTo("ndis-spin-lock", "acme")).isFalse();
        assertThat(a.expiredOn(LocalDate.parse("2027-01-31"))).as("honoured through its last day").isFalse();
        assertThat(a.expiredOn(LocalDate.parse("2027-02-01"))).isTrue();
        assertThat(f.entries().get(1).scenario()).isEqualTo("features/x.feature:12");
        assertThat(f.entries().get(1).appliesTo("any", "thing")).isTrue();
    }

    @Test
    void each_mistake_is_named_with_its_line() {
        String head = "ddikit-expectations: 1\nexpectations:\n";
        assertThatThrownBy(() -> parse(head + "  - clause: A\n    expect: failed\n    reason: r\n")).hasMessage("exp.yaml:3: the entry has no 'expires'");
        assertThatThrownBy(() -> parse(head + "  - clause: A\n    expect: failed\n    reason: r\n    expires: 31/01/2027\n"))
                .hasMessage("exp.yaml:6: expires '31/01/2027' is not a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> parse(head + "  - clause: A\n    scenario: S\n    expect: failed\n    reason: r\n    expires: 2027-01-01\n"))
                .hasMessageStartingWith("exp.yaml:3: an entry names either a clause");
        assertThatThrownBy(() -> parse(head + "  - clause: A\n    expect: outdated\n    reason: r\n    expires: 2027-01-01\n"))
                .hasMessageStartingWith("exp.yaml:4: expect 'outdated' is not a verdict");
        assertThatThrownBy(() -> parse(head + "  - clause: A\n    expect: failed\n    reason: r\n    expires: 2027-01-01\n"
                + "  - clause: A\n    expect: passed\n    reason: r\n    expires: 2027-01-01\n"))
                .hasMessage("exp.yaml:7: a second entry for clause A (the first is at line 3)");
        assertThatThrownBy(() -> parse("ddikit-expectations: 2\n")).hasMessage("exp.yaml:1: ddikit-expectations is 2; this kit reads version 1");
        assertThatThrownBy(() -> parse("expectations: []\n")).hasMessageStartingWith("exp.yaml:1: missing 'ddikit-expectations: 1'");
        assertThatThrownBy(() -> parse(head + "  - clause: [A\n")).hasMessageStartingWith("exp.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parse(head + "  - clause: &a A\n    expect: *a\n")).hasMessageContaining("exp.yaml");
    }
}
