export { ratingFigures } from './figures.ts';
export { badLevels, ratingLevels, ratingModel, type Rating, type RatingLevel } from './model.ts';
export { RectificationActions } from './rectification.ts';
export { ratingCheckLimit, ratingRoutes } from './routes.ts';
export { RECTIFICATION_PROCESS_ID, Ratings, type RatingsDeps } from './service.ts';
