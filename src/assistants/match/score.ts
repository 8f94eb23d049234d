// A rule's score from its features: a logistic model whose weights and verdict thresholds are chosen on other teams'
// specs by leave-one-repository-out (npm run eval:context -- --folds repo), never on the repository asked about.
import { RULE_FEATURES, type RuleFeature, type RuleFeatures } from './features.js';

export interface RuleModel {
  bias: number;
  weights: Readonly<Record<RuleFeature, number>>;
  /** A score at or above `applies` is `applies`; at or above `likely`, `likely`; below, `no`. */
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

/** The shipped model. */
export const DEFAULT_RULE_MODEL: RuleModel = Object.freeze({
  bias: -2,
  weights: Object.freeze({ ...zero, applies: 6, likely: 3 }),
  applies: 0.9,
  likely: 0.5,
});
