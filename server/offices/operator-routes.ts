import type { FastifyInstance } from 'fastify';
import { endpoints } from '#protocol/endpoints.js';
import { HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { addDays, badDateQuery, isCalendarDate } from '../scheduling/calendar-date.js';
import type { OperatorAuth } from '../operator/index.js';
import { compareRu } from './search.js';
import type { OfficeDirectory } from './service.js';
import { operatorBookingView } from './views.js';

export const OFFICE_NOT_FOUND = 'Офис с таким кодом не найден.';

export interface OperatorBookingRoutesOptions {
  auth: OperatorAuth;
  directory: OfficeDirectory;
  now: () => number;
}

/** `GET /operator/api/bookings`: the visits booked at one office on one day, and the offices to choose from. */
export function registerOperatorBookingRoutes(app: FastifyInstance, options: OperatorBookingRoutesOptions): void {
  const { auth, directory, now } = options;
  const { calendars, store, settings } = directory;

  defineRoute(
    app,
    endpoints.operatorBookings,
    async ({ query }) => {
      // By city, then name: the list the console offers.
      const offices = (await store.offices()).sort((a, b) => compareRu(a.city, b.city) || compareRu(a.name, b.name));
      const office = query.office ? offices.find((o) => o.id === query.office) : offices[0];
      if (!office) throw new HttpError(404, 'not_found', OFFICE_NOT_FOUND);
      const calendar = calendars.of(office);
      const date = query.date ?? calendar.dateOf(now());
      if (!isCalendarDate(date)) throw badDateQuery('date');
      const from = new Date(calendar.startOf(date)).toISOString();
      const to = new Date(calendar.startOf(addDays(date, 1))).toISOString();
      return {
        date,
        offices: offices.map((o) => ({ id: o.id, name: o.name, city: o.city })),
        office: { id: office.id, name: office.name, timeZone: office.timeZone },
        items: (await store.between(office.id, from, to)).map((row) => operatorBookingView(row, settings.lateCancelMinutes)),
      };
    },
    { onRequest: auth.guard },
  );
}
