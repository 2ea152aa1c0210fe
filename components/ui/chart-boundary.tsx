"use client";
import { Component, type ReactNode } from "react";

interface Props {
  /** What the chart shows, for the message that replaces it. */
  name: string;
  children: ReactNode;
}

/**
 * A chart that throws (an odd value recharts cannot lay out) takes down only itself: the rest of the
 * page, and the same numbers in the tables, stay usable.
 */
export class ChartBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="rounded border border-warn-line bg-warn-soft p-3 text-sm text-warn-fg">
        The {this.props.name} chart could not be drawn from this data. The same figures are in the tables on
        this page.{" "}
        <button type="button" className="underline" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
