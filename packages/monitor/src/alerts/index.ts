export { ALERT_FIGURES, findAlertFigure, type AlertFigure } from "./alert-figures.js";
export { ALERT_OPERATORS, compareFigure, parseAlertExpression, type AlertExpression, type AlertOperator } from "./alert-expression.js";
export { evaluateAlertRule, type AlertEvaluation, type AlertEvaluationState, type AlertEventDraft, type AlertWindow } from "./alert-evaluator.js";
export { formatWindowTime } from "./alert-message.js";
