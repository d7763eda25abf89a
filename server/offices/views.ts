import type { z } from 'zod/mini';
import type { Booking, OperatorBooking as OperatorBookingSchema } from '#protocol/offices.js';
import type { BookingRow } from './store.js';

type OperatorBooking = z.infer<typeof OperatorBookingSchema>;

/** What the citizen sees of a booking: the office and the documents as they were when it was made. */
export function bookingView(row: BookingRow, lateCancelMinutes: number): Booking {
  return {
    number: row.number,
    status: row.status,
    officeId: row.office_id,
    officeName: row.office_name,
    address: row.address,
    officePhone: row.office_phone,
    timeZone: row.time_zone,
    service: row.service,
    start: row.slot_start,
    end: row.slot_end,
    documents: JSON.parse(row.documents) as Booking['documents'],
    lateCancelMinutes,
    createdAt: row.created_at,
  };
}

/** The operator's view: the citizen's, with the name, phone (normalized) and e-mail. */
export function operatorBookingView(row: BookingRow, lateCancelMinutes: number): OperatorBooking {
  return {
    ...bookingView(row, lateCancelMinutes),
    name: row.name,
    phone: row.phone,
    ...(row.email ? { email: row.email } : {}),
  };
}
