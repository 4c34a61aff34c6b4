@control-rules @in-process
Feature: The control plane checks its requests against its OpenAPI document
  Requests to /_sandbox/… are matched against schemas/sandbox.openapi.json
  before they run, as the vendor APIs' are against theirs: a request that
  breaks the rules gets a 400 in the control plane's shape listing every
  violation, and nothing changes.

  Scenario: Every violation of a fault rule is listed and no rule is added
    When I POST "/_sandbox/faults" with body:
      """
      {"method": 5, "path": "/v1/accounts/*", "status": "teapot"}
      """
    Then the response status is 400
    And the response field "error.code" is "BAD_REQUEST"
    And the response field "error.message" matches "^invalid request: body method"
    And the response field "error.errors" is a list of 2 items
    When I GET "/_sandbox/faults"
    Then the response body equals:
      """
      []
      """

  Scenario: A clock body of the wrong type is refused before it runs
    When I POST "/_sandbox/clock/advance" with body:
      """
      {"seconds": "sixty"}
      """
    Then the response status is 400
    And the response field "error.errors.0.field" is "seconds"
