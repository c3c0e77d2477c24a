import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './api.ts';

export interface Me {
  user: {
    id: string;
    name: string;
    email: string;
    locale: string;
    theme: string;
    isAdmin: boolean;
    orgUnitId: string | null;
    awayFrom?: string | null;
    awayUntil?: string | null;
  };
  workspace: { id: string; name: string; slug: string; locale: string; currency: string };
  grants: Record<string, Record<string, string>>;
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/api/v1/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSetupNeeded() {
  return useQuery({ queryKey: ['setup'], queryFn: () => api<{ needed: boolean }>('/api/v1/setup'), staleTime: Infinity });
}
