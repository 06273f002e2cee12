"""Training notebooks for svgllm: QLoRA fine-tuning and evaluation (logic in `svgtrain`, recipes in `recipes/`)."""
