"""Keyboard-only use of a page: Tab and Shift+Tab to move, Enter and Space to act, typing
for text. ``Keyboard.survey`` tabs through the whole page and records any control that Tab
never reaches and any control whose focus is not visible; ``Keyboard.focus`` tabs (forwards
or backwards) until a given control has the focus."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# Number the controls a keyboard user must reach (radio buttons of one group share a
# number: Tab stops once per group) and return their descriptions.
_NUMBER_CONTROLS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  for (const el of document.querySelectorAll('[data-kbd]')) delete el.dataset.kbd;
  const names = {};
  const groups = {};
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.type === 'hidden' || el.tabIndex < 0) continue;
    if (el.closest('[aria-hidden="true"], [inert]')) continue;
    // Not rendered: display none, inside a closed <details>, visibility hidden.
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const group = el.type === 'radio' && el.form ? el.form.id + '|' + el.name : null;
    let id;
    if (group && groups[group]) {
      id = groups[group];
    } else {
      id = String(++n);
      if (group) groups[group] = id;
    }
    el.dataset.kbd = id;
    const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
    names[id] = (el.tagName.toLowerCase() + ' "' + (el.getAttribute('aria-label') || label ||
      el.innerText || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 60) + '"');
  }
  return names;
}"""

# The focused control: its number and whether a person can see where the focus is (an
# outline or a ring drawn by :focus-visible, on a box that is on the screen).
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const onScreen = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
    && rect.top < window.innerHeight && rect.left < window.innerWidth;
  return {id: el.dataset.kbd || null, tag: el.tagName.toLowerCase(),
          text: (el.innerText || el.value || el.name || '').trim().slice(0, 60),
          visible: el.matches(':focus-visible') && (outline || ring) && onScreen};
}"""


class Keyboard:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self._names: dict[str, str] = {}

    def _number(self) -> None:
        # Again each time: a disclosure opened (the header's «Menú») shows more controls.
        self._names = self.page.evaluate(_NUMBER_CONTROLS)

    def _press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        focus = self.page.evaluate(_FOCUS)
        if focus is not None and not focus["visible"]:
            self.problems.append(f"focus not visible on {focus['tag']} \"{focus['text']}\" "
                                 f"at {self.page.url}")
        return focus

    def survey(self) -> None:
        """Tab through the whole page, once round: every control reached, focus visible."""
        self._number()
        reached: set[str] = set()
        outside = 0
        for _ in range(len(self._names) + 10):
            focus = self._press("Tab")
            if focus is None or focus["id"] is None:
                outside += 1
                if outside > 2:
                    break
                continue
            if focus["id"] in reached:
                break
            reached.add(focus["id"])
        for number, name in self._names.items():
            if number not in reached:
                self.problems.append(f"Tab never reaches {name} at {self.page.url}")

    def focus(self, target: Locator, *, backwards: bool = False) -> None:
        """Tab (Shift+Tab backwards) until ``target`` has the focus."""
        self._number()
        wanted = target.evaluate("el => el.dataset.kbd || null")
        assert wanted is not None, f"{target} is not a control Tab can reach"
        for _ in range(2 * len(self._names) + 10):
            focus = self._press("Shift+Tab" if backwards else "Tab")
            if focus is not None and focus["id"] == wanted:
                return
        raise AssertionError(f"Tab never reached {target} at {self.page.url}")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str, *, navigates: bool = False) -> None:
        """Press Enter or Space on the focused control (waiting for the next page)."""
        assert key in ("Enter", "Space")
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)
