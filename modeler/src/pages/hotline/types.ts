/** An order as the list shows it (server/src/hotline/routes.ts orderView). */
export interface OrderRow {
  number: string;
  category: string;
  urgency: string;
  title: string;
  content: string;
  state: string;
  departmentCode?: string;
  dispatchDueAt: string;
  handleDueAt?: string;
  caller: { name: string; phone: string };
}
