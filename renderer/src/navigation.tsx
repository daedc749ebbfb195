import { createContext, useContext } from 'react';
import type { ViewId } from '../../shared/views.ts';

/** Lets a view send the user to another view (Home's "Connect your tenant" opens Accounts). */
export const NavigateContext = createContext<(view: ViewId) => void>(() => {});

export function useNavigate(): (view: ViewId) => void {
  return useContext(NavigateContext);
}
