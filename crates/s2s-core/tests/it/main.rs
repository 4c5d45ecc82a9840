mod token_flow;
