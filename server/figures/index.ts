/**
 * What other features use of the figures (the public report, server/report/): the service that
 * computes a period's figures from every feature's facts.
 */
export { createFiguresService, moscowMidnight, type FiguresService, type FiguresServiceOptions } from './service.js';
