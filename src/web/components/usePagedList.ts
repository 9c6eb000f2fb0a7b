// Loads one page of a server-paged list ({ items, total }) and reloads when the query changes.
import { useCallback, useEffect, useState } from 'react';
import { api, toQuery } from '../api/client';
import type { Page } from '../api/types';
import { errorMessage } from './errors';

/** Page size of the server's account lists (fixed on the server). */
export const USER_PAGE_SIZE = 20;

export function usePagedList<T>(path: string, params: Record<string, string | number | undefined | null>) {
  const query = toQuery(params);
  const [data, setData] = useState<Page<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api
      .get<Page<T>>(path + query)
      .then((page) => current && setData(page))
      .catch((err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setData({ items: [], total: 0 });
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [path, query, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, loading, error, reload };
}
