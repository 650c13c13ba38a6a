export { loadOnnxModel, type OnnxModel, type TensorData, type TensorValue } from "./onnx-model.js";
