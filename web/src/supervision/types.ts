/**
 * The shapes the supervision API answers with: the server's own views
 * (src/shared/supervision-vocabulary.ts), re-exported under the short names the pages use.
 */
export type {
  NamedUnitRating as UnitRating,
  RaiseOutcome,
  SuggestionRates as Rates,
  SuggestionStatsView as SuggestionStats,
  SupervisionEventView as ItemEvent,
  SupervisionItemDetailView as ItemDetail,
  SupervisionItemPageView as ItemPage,
  SupervisionItemView as Item,
  SupervisionNoticeView as ItemNotice,
  SupervisionSourceView as Source,
  SupervisionUnitView as Unit,
  UnitRatingsView as Ratings,
  UnitSuggestionRates,
} from '../../../src/shared/supervision-vocabulary';
