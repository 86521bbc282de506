package io.ddikit.grade;

import io.ddikit.doc.Clause;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.util.List;

/**
 * The verdict on one clause for one implementation, with the evidence.
 *
 * @param clause    the clause
 * @param verdict   its verdict
 * @param reason    one line: why this verdict (the first failure's message, the missing capability, …)
 * @param scenarios the results of the scenarios that checked it, in feature order
 */
public record ClauseVerdict(Clause clause, Verdict verdict, String reason, List<ScenarioResult> scenarios) {
    public ClauseVerdict {
        scenarios = List.copyOf(scenarios);
    }
}
