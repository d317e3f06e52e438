import type { Code, Codebook } from '@threadcoder/taxonomy';
import { createContext, useContext, useState } from 'react';
import { useEditCodebook, useReloadCodebook, type CodebookEdit } from '../../api/codebook.ts';
import { missingWhy } from './why-field.tsx';

/** What every part of the editor works on: the study and the latest version (the base of every edit). */
export interface EditorState {
  studyId: number;
  codebook: Codebook;
  byId: ReadonlyMap<string, Code>;
}

export const EditorContext = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const state = useContext(EditorContext);
  if (!state) throw new Error('useEditor needs the codebook editor above it.');
  return state;
}

type WithoutBase<T> = T extends unknown ? Omit<T, 'baseVersion'> : never;
export type EditBody = WithoutBase<CodebookEdit>;

/**
 * Saves an edit on the version on screen. Each form has its own, so a failure shows beside
 * the form that failed. Returns whether the save went through.
 */
export function useSave() {
  const { studyId, codebook } = useEditor();
  const edit = useEditCodebook(studyId);
  const reloadCodebook = useReloadCodebook(studyId);
  const [refused, setRefused] = useState<Error | null>(null);
  const save = async (body: EditBody): Promise<boolean> => {
    if (!body.why.trim()) {
      setRefused(missingWhy);
      return false;
    }
    setRefused(null);
    try {
      await edit.mutateAsync({ ...body, baseVersion: codebook.version } as CodebookEdit);
      return true;
    } catch {
      return false;
    }
  };
  const reload = () => {
    edit.reset();
    void reloadCodebook();
  };
  const reset = () => {
    edit.reset();
    setRefused(null);
  };
  return { save, pending: edit.isPending, error: refused ?? edit.error, reload, reset };
}
