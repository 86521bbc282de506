package io.ddikit.campaign;

/**
 * What a campaign adds to a run's report beside the verdicts, each part absent (null) when the run did not ask for it.
 *
 * @param expectations the expectations file held against the verdicts ({@code --expectations})
 * @param diff         the changes since a baseline run ({@code --baseline})
 * @param repeats      how each scenario's verdicts spread over repeated runs ({@code --repeat})
 * @param findings     what the run's evidence says about the pages themselves
 */
public record Campaign(ExpectationOutcome expectations, RunDiff diff, Repeats repeats, Findings findings) {

    public static final Campaign NONE = new Campaign(null, null, null, null);

    public boolean isEmpty() {
        return expectations == null && diff == null && repeats == null;
    }
}
