"use client";

import { useState } from "react";
import { Choice, ChoiceGroup } from "@/components/ui/choice-group";
import {
  ASIA_LABELS,
  ECOG_LABELS,
  FRANKEL_LABELS,
  KARNOFSKY_SCORES,
  SCORE_SCALE_LABELS,
  SINS_BAND_LABELS,
  SINS_COMPONENTS,
  SINS_LABELS,
  sinsScore,
  TOKUHASHI_BAND_LABELS,
  TOKUHASHI_COMPONENTS,
  TOKUHASHI_LABELS,
  tokuhashiScore,
  type ScoreScale,
  type SinsInput,
  type TokuhashiInput,
} from "@/lib/domain/scores";
import { AMBULATORY_STATUS_LABELS } from "@/lib/domain/vocabulary";
import type { FieldErrors } from "@/lib/errors";
import { EventFormContext, NoteField, OccurredAtField, SelectField } from "./event-fields";
import { ReferralFormMessage, submitClass, useReferralForm, type EventAction } from "./referral-form";

const ID = "score";

type Table = Record<string, Record<string, number>>;
type Labels = Record<string, { label: string; options: Record<string, string> }>;

/** One select per component, each option with its points; reports the choices so the total can be shown live. */
function Components({ table, labels, onChoose, fields }: { table: Table; labels: Labels; onChoose: (component: string, value: string) => void; fields?: FieldErrors }) {
  return (
    <>
      {Object.entries(table).map(([component, points]) => (
        <SelectField
          key={component}
          idPrefix={ID}
          name={`data.${component}`}
          label={labels[component]?.label ?? component}
          labels={Object.fromEntries(Object.entries(points).map(([option, p]) => [option, `${labels[component]?.options[option] ?? option} (${p})`]))}
          placeholder="Choose"
          fields={fields}
          onChange={(value) => onChoose(component, value)}
        />
      ))}
    </>
  );
}

/** The calculator's answer as the clinician chooses: the total and its band once every component is chosen. */
function LiveTotal({ scale, chosen }: { scale: "sins" | "tokuhashi"; chosen: Record<string, string> }) {
  const table = scale === "sins" ? SINS_COMPONENTS : TOKUHASHI_COMPONENTS;
  const complete = Object.keys(table).every((k) => chosen[k]);
  let body: React.ReactNode = `Choose all ${Object.keys(table).length} to see the total.`;
  if (complete && scale === "sins") {
    const s = sinsScore(chosen as SinsInput);
    body = (
      <>
        <span className="block text-lg font-bold">SINS total: {s.total}</span>
        <span className="block">{SINS_BAND_LABELS[s.band]}</span>
        {s.surgicalOpinionAdvised ? (
          <span className="mt-1 block font-semibold text-red-900">
            <span aria-hidden>⚠ </span>Surgical opinion advised (SINS 7 or more)
          </span>
        ) : null}
      </>
    );
  } else if (complete) {
    const t = tokuhashiScore(chosen as TokuhashiInput);
    body = (
      <>
        <span className="block text-lg font-bold">Revised Tokuhashi total: {t.total}</span>
        <span className="block">{TOKUHASHI_BAND_LABELS[t.band]}</span>
      </>
    );
  }
  return (
    <p aria-live="polite" className="rounded border-2 border-nhs-blue bg-blue-50 p-3" data-testid="live-total">
      {body}
    </p>
  );
}

function Grades<K extends string | number>({ legend, labels, fields }: { legend: string; labels: Record<K, string>; fields?: FieldErrors }) {
  return (
    <ChoiceGroup id={`${ID}-value`} legend={legend} errors={fields?.["data.value"]}>
      {() => (Object.keys(labels) as string[]).map((v) => <Choice key={v} type="radio" name="data.value" value={v} label={labels[v as K]} idPrefix={`${ID}-value`} />)}
    </ChoiceGroup>
  );
}

function ScaleFields({ scale, chosen, onChoose, fields }: { scale: ScoreScale; chosen: Record<string, string>; onChoose: (component: string, value: string) => void; fields?: FieldErrors }) {
  switch (scale) {
    case "sins":
      return (
        <>
          <Components table={SINS_COMPONENTS} labels={SINS_LABELS} onChoose={onChoose} fields={fields} />
          <LiveTotal scale="sins" chosen={chosen} />
        </>
      );
    case "tokuhashi":
      return (
        <>
          <Components table={TOKUHASHI_COMPONENTS} labels={TOKUHASHI_LABELS} onChoose={onChoose} fields={fields} />
          <LiveTotal scale="tokuhashi" chosen={chosen} />
        </>
      );
    case "frankel":
      return <Grades legend="Frankel grade" labels={FRANKEL_LABELS} fields={fields} />;
    case "asia":
      return <Grades legend="ASIA impairment scale" labels={ASIA_LABELS} fields={fields} />;
    case "ecog":
      return <Grades legend="ECOG/WHO performance status" labels={ECOG_LABELS} fields={fields} />;
    case "karnofsky":
      return (
        <SelectField
          idPrefix={ID}
          name="data.value"
          label="Karnofsky performance status (%)"
          labels={Object.fromEntries(KARNOFSKY_SCORES.map((k) => [String(k), `${k} %`]))}
          placeholder="Choose the score"
          fields={fields}
        />
      );
    case "ambulatory":
      return <Grades legend="Ambulatory status" labels={AMBULATORY_STATUS_LABELS} fields={fields} />;
    default: {
      const unhandled: never = scale;
      return unhandled;
    }
  }
}

/** A score, timed and signed. The total shown here is a preview: the server computes the one it keeps. */
export function ScoreForm({ action, referralId, version, nowLocal }: { action: EventAction; referralId: string; version: number; nowLocal: string }) {
  const { state, pending, onSubmit, formRef, fields } = useReferralForm(action);
  const [scale, setScale] = useState<ScoreScale | "">("");
  const [chosen, setChosen] = useState<Record<string, string>>({});
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onReset={() => {
        setScale("");
        setChosen({});
      }}
      noValidate
      className="space-y-4"
    >
      <ReferralFormMessage state={state} />
      <EventFormContext referralId={referralId} version={version} fields={fields} />
      <input type="hidden" name="type" value="score_recorded" />
      <SelectField
        idPrefix={ID}
        name="data.scale"
        label="Score"
        labels={SCORE_SCALE_LABELS}
        placeholder="Choose the score"
        fields={fields}
        onChange={(value) => {
          setScale(value);
          setChosen({});
        }}
      />
      {scale ? <ScaleFields key={scale} scale={scale} chosen={chosen} onChoose={(c, v) => setChosen((prev) => ({ ...prev, [c]: v }))} fields={fields} /> : null}
      <OccurredAtField idPrefix={ID} nowLocal={nowLocal} fields={fields} label="When it was assessed" />
      <NoteField idPrefix={ID} fields={fields} />
      <button type="submit" disabled={pending} className={submitClass}>
        {pending ? "Saving…" : "Record the score"}
      </button>
    </form>
  );
}
