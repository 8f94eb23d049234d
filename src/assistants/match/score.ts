// A rule's score from its features: a logistic model whose weights and verdict thresholds are chosen on other teams'
// specs by leave-one-repository-out (npm run eval:context -- --folds repo), never on the repository asked about.
import { RULE_FEATURES, type RuleFeature, type RuleFeatures } from './features.js';

export interface RuleModel {
  bias: number;
  weights: Readonly<Record<RuleFeature, number>>;
  /**
   * A score below `likely` is `no`; at or above it, `applies` when the checks decide the rule (named, scoped to a listed
   * file, always on) or the score reaches `applies`, else `likely`.
   */
  applies: number;
  likely: number;
}

/** The probability-like score (0–1) of a rule being cited, from its features. */
export function ruleScore(model: RuleModel, features: RuleFeatures): number {
  let sum = model.bias;
  for (const name of RULE_FEATURES) sum += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-sum));
}

const zero = Object.fromEntries(RULE_FEATURES.map((name) => [name, 0])) as Record<RuleFeature, number>;

/**
 * The shipped model: fitted on every repository of the dev manifest by `npm run eval:context -- --folds repo`
 * (66 cases, 9 repositories with cited rules; leave-one-repository-out F1 0.730 [0.613, 0.858] against 0.69 for the
 * checks alone). Features that leave-one-out was better without weigh 0 (bench/eval/folds.ts DROPPED_RULE_FEATURES).
 */
export const DEFAULT_RULE_MODEL: RuleModel = Object.freeze({
  bias: -3.333,
  weights: Object.freeze({
    ...zero,
    applies: 3.271,
    likely: 1.88,
    named: 0.709,
    scoped: 0.274,
    always: 2.562,
    priorWeighted: 1.68,
    priorShare: 0.742,
    priorBest: 2.472,
    noPrior: 0.39,
    likelyNoPrior: 2.416,
  }),
  applies: 1.01,
  likely: 0.44,
});
