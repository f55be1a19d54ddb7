import type { Locator, Page } from 'playwright-core';

/**
 * Presses Tab until `target` has the focus, as a keyboard user would; fails when it cannot be reached
 * within `max` presses. Proves the control is in the tab order, in a reachable place.
 */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.first().waitFor({ state: 'visible' });
  for (let i = 0; i < max; i++) {
    if (await target.first().evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with the Tab key: ${target.toString()}`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Tabs to a button or link and presses Enter (Space for a radio button). */
export async function press(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}
