// The discovery module: the Pixie pin–board graph and its random-walk recommender.
// discovery → events (a listener), seed (the topic catalogue, through topic-match.ts).
export {
  DEFAULT_EARLY_STOP,
  DEFAULT_RESTART,
  DEFAULT_STEPS,
  DEFAULT_TOPIC_BIAS,
  DiscoveryGraph,
  type DiscoveryGraphOptions,
  type GraphStats,
  HOME_FEED_RESTART,
  type NodeId,
  type NodeQuery,
  type QueryPin,
  type RelatedOptions,
  type RelatedPin,
} from './discovery-graph.ts';
export { DEFAULT_PRUNING, type PruneOptions } from './graph/builder.ts';
export { generateGraph, type SyntheticGraph, type SyntheticGraphOptions } from './graph/synthetic.ts';
export { type LoadedGraph, loadFromDatabase } from './loader.ts';
export { relatedRoutes } from './related-routes.ts';
export { RelatedPinsService } from './related-service.ts';
export {
  type DiscoveryOptions,
  DiscoveryService,
  PIN_EVENT_TYPES,
  type PinEventSource,
} from './service.ts';
export {
  dominantTopics,
  matcherFor,
  TOPIC_MATCHERS,
  type TopicMatcher,
  topicIdOfBoardName,
} from './topic-match.ts';
export { type EarlyStop, pixieScale } from './walk/plan.ts';
