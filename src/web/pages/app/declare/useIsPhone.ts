import { Grid } from 'antd';

/** Narrower than antd's `sm` breakpoint (576 px): full-width buttons, one column, vertical steps. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.sm;
}
