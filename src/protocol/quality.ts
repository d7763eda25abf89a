export const CONTACT_CHANNELS = ['request', 'callback', 'visit', 'chat'] as const;
/** The channel of a contact: a request, a callback, an office visit, a chat. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
