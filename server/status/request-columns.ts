/** The columns read of a request (never the СНИЛС or ИНН). */
export const COLUMNS = [
  'id',
  'number',
  'lookup_code_hash',
  'type',
  'full_name',
  'phone',
  'email',
  'answer_channel',
  'service_number',
  'description',
  'incident_date',
  'incident_time',
  'links',
  'created_at',
  'answer_due_at',
  'status',
] as const;
