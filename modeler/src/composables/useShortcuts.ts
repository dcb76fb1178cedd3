import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Keyboard shortcuts for a page, e.g. `{ 'alt+s': focusSearch, 'ctrl+enter': submit }`. Keys are
 * lower case, modifiers in the order ctrl, alt, shift. Removed when the page goes away.
 */
export function useShortcuts(map: Record<string, (event: KeyboardEvent) => void>): void {
  const onKey = (event: KeyboardEvent) => {
    const parts = [event.ctrlKey || event.metaKey ? 'ctrl' : '', event.altKey ? 'alt' : '', event.shiftKey ? 'shift' : '', event.key.toLowerCase()];
    const action = map[parts.filter(Boolean).join('+')];
    if (!action) return;
    event.preventDefault();
    action(event);
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
