// The state of an application being filled in: the latest view from the server, the form as typed
// (the page's own copy, never overwritten by a save's answer, so typing during a save is kept),
// autosave per section with the version guard, field errors, and a poll while scans are checked.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findSection, type FieldValue, type FormValues } from '../../../../domain/application/form';
import { api, ApiError } from '../../../api/client';
import type { ApplicationView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { Autosaver, type SaveState } from './autosave';
import { mergeKeeping, sectionValues } from './formValues';
import { leakCheckPending } from './materials';

const AUTOSAVE_DELAY_MS = 1000;
const POLL_MS = 3000;

export interface ApplicationEditor {
  view: ApplicationView | null;
  loadError: string | null;
  form: FormValues;
  saveState: SaveState;
  /** Server messages by path ('basic.post'), shown next to the field. */
  fieldErrors: Record<string, string>;
  change(sectionId: string, fieldId: string, value: FieldValue): void;
  /** Saves now (a field lost focus, a pick was made). */
  flush(): Promise<void>;
  /** Loads the latest view (after uploads, masking, the commitment …). */
  refresh(): Promise<ApplicationView | null>;
  /** After a version conflict: loads the latest version, keeps the unsaved sections, saves them on top. */
  reloadKeepingTyped(): Promise<void>;
  /** A view returned by an action (submit); its version becomes the one saves build on. */
  adopt(view: ApplicationView): void;
}

export function useApplicationEditor(id: string): ApplicationEditor {
  const url = `/api/me/applications/${encodeURIComponent(id)}`;
  const [view, setView] = useState<ApplicationView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<FormValues>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const formRef = useRef<FormValues>({});
  // The version saves are made against: only from a load, a save or an adopted action, never from
  // a background refresh, so a save by another tab still shows up as a conflict.
  const versionRef = useRef(0);
  // Answers can arrive out of order (a poll started before a save): the newest request wins.
  const requestSeq = useRef(0);
  const appliedSeq = useRef(0);

  const accept = useCallback((seq: number, next: ApplicationView) => {
    if (seq < appliedSeq.current) return;
    appliedSeq.current = seq;
    setView(next);
  }, []);

  const setFormBoth = useCallback((next: FormValues) => {
    formRef.current = next;
    setForm(next);
  }, []);

  const saver = useMemo(
    () =>
      new Autosaver<Record<string, FieldValue>>({
        delayMs: AUTOSAVE_DELAY_MS,
        async send(sectionId, values) {
          const seq = ++requestSeq.current;
          const saved = await api.put<ApplicationView>(`${url}/sections/${sectionId}`, { version: versionRef.current, values });
          versionRef.current = saved.version;
          accept(seq, saved);
          setFieldErrors((old) => Object.fromEntries(Object.entries(old).filter(([path]) => !path.startsWith(`${sectionId}.`))));
        },
        classify(error) {
          if (error instanceof ApiError && error.status === 400 && error.fields.length > 0) {
            setFieldErrors((old) => ({ ...old, ...Object.fromEntries(error.fields.map((f) => [f.path, f.message])) }));
          }
          return { conflict: error instanceof ApiError && error.status === 409, message: errorMessage(error) };
        },
        onState: setSaveState,
      }),
    [url, accept],
  );

  const refresh = useCallback(async () => {
    const seq = ++requestSeq.current;
    try {
      const fresh = await api.get<ApplicationView>(url);
      accept(seq, fresh);
      return fresh;
    } catch (err) {
      setLoadError(errorMessage(err));
      return null;
    }
  }, [url, accept]);

  useEffect(() => {
    let current = true;
    const seq = ++requestSeq.current;
    api
      .get<ApplicationView>(url)
      .then((first) => {
        if (!current) return;
        versionRef.current = first.version;
        setFormBoth(first.form);
        accept(seq, first);
      })
      .catch((err: unknown) => current && setLoadError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [url, accept, setFormBoth]);

  // Leaving the page saves what is queued; closing the tab with unsaved text asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saver.pendingKeys().length > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void saver.flush();
      saver.dispose();
    };
  }, [saver]);

  const pending = view !== null && leakCheckPending(view);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [pending, refresh]);

  const change = useCallback(
    (sectionId: string, fieldId: string, value: FieldValue) => {
      const section = findSection(sectionId);
      if (!section) return;
      const next = { ...formRef.current, [sectionId]: { ...(formRef.current[sectionId] ?? {}), [fieldId]: value } };
      setFormBoth(next);
      setFieldErrors((old) => Object.fromEntries(Object.entries(old).filter(([path]) => path !== `${sectionId}.${fieldId}`)));
      saver.change(sectionId, sectionValues(section, next));
    },
    [saver, setFormBoth],
  );

  const reloadKeepingTyped = useCallback(async () => {
    const seq = ++requestSeq.current;
    try {
      const fresh = await api.get<ApplicationView>(url);
      versionRef.current = fresh.version;
      accept(seq, fresh);
      setFormBoth(mergeKeeping(fresh.form, formRef.current, saver.pendingKeys()));
      if (fresh.editable) await saver.resume();
    } catch (err) {
      setSaveState({ kind: 'conflict', message: errorMessage(err) });
    }
  }, [url, accept, saver, setFormBoth]);

  const adopt = useCallback(
    (next: ApplicationView) => {
      versionRef.current = next.version;
      accept(++requestSeq.current, next);
    },
    [accept],
  );

  const flush = useCallback(() => saver.flush(), [saver]);

  return { view, loadError, form, saveState, fieldErrors, change, flush, refresh, reloadKeepingTyped, adopt };
}
