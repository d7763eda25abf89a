import { createContext } from '@lit/context';
import type { ApiClient } from '../api/client.js';

/** The backend client, provided by `gs-support-widget`. */
export const apiContext = createContext<ApiClient>(Symbol('gs-api'));
