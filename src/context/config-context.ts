import { createContext } from '@lit/context';
import type { WidgetConfig } from '../protocol/config.js';

/** The resolved widget configuration, provided by `gs-support-widget`. */
export const configContext = createContext<WidgetConfig>(Symbol('gs-config'));
