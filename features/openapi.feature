Feature: The OpenAPI documents
  The sandbox serves one OpenAPI 3.1 document per API, the same documents
  it mounts its routes from and validates requests against, with servers
  naming the sandbox that served them, so Postman or a client generator can
  import them straight from a running sandbox. The control plane's errors
  carry named codes.

  Scenario Outline: Each API's document is served with this sandbox as its server
    When I GET "/_sandbox/openapi/<document>"
    Then the response status is 200
    And the response field "openapi" is "3.1.0"
    And the response field "info.title" is "<title>"
    And the response field "servers" is an array of 1 item
    And the response field "servers.0.url" matches "^https?://[^/]+$"

    Examples:
      | document       | title                                    |
      | dintero.json   | Dintero Customers API (sandbox)          |
      | tradevest.json | Tradevest roles API (sandbox)            |
      | sandbox.json   | Customers-API sandbox control plane      |

  Scenario: The Dintero document keeps the vendor's quirks
    When I GET "/_sandbox/openapi/dintero.json"
    Then the response status is 200
    And the response body contains:
      """
      {"components": {"schemas": {"Company": {"required": ["bussiness_name"]}}}}
      """

  Scenario: A document the sandbox does not have is a 404 with a named code
    When I GET "/_sandbox/openapi/stripe.json"
    Then the response status is 404
    And the response field "error.code" is "NOT_FOUND"
    And the error message contains "no OpenAPI document stripe.json"

  Scenario: An unknown control path is a 404 NOT_FOUND
    When I GET "/_sandbox/nothing-here"
    Then the response status is 404
    And the response field "error.code" is "NOT_FOUND"

  Scenario: A control path called with the wrong method is a 405 METHOD_NOT_ALLOWED
    When I DELETE "/_sandbox/health"
    Then the response status is 405
    And the response field "error.code" is "METHOD_NOT_ALLOWED"
