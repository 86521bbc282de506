/**
 * Campaigns: what a vendor's runs over time add beside the verdicts: expectations with expiry held against a run,
 * the diff between two runs, the spread of verdicts over repeated runs. Never changes a verdict; never touches HTML.
 */
package io.ddikit.campaign;
