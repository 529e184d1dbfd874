/** CloudEvents source of every event the api produces (interactions, the tier changes of locks and erasures). */
export const API_EVENT_SOURCE = '/inner-circle/api';
