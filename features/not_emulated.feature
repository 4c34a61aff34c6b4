@not-emulated
Feature: Routes the vendors document but the sandbox does not emulate answer 501
  A route that Dintero or Tradevest documents but the sandbox does not
  emulate answers 501 Not Implemented in the vendor's error shape, naming
  the route (method and path template) and saying it is not emulated, so a
  client can tell it from an unknown id or a path that does not exist
  (404). Dintero: {"error": {"code": "NOT_IMPLEMENTED", "message"}};
  Tradevest: an ErrorMessage with errorCode and responseType
  NOT_IMPLEMENTED and a requestId. No token is needed to get the 501: it is
  recognisable whatever the credentials. Every Dintero route is emulated
  since decisions D64–D72; the Dintero scenarios below check that the
  routes that used to answer 501 are served, and that 404 and 405 keep
  their meaning.

  Scenario Outline: Dintero routes that used to be 501 are served
    Given I am authenticated as "admin-client"
    When I <method> "<path>" with body:
      """
      {}
      """
    Then the response status is <status>

    Examples:
      | method | path                                                         | status |
      | GET    | /v1/accounts/{aid}/locations                                 | 403    |
      | GET    | /v1/accounts/{aid}/search/external/postal_place/NO/0150      | 200    |
      | GET    | /v1/accounts/{aid}/customers/company/departments             | 400    |
      | POST   | /v1/accounts/{aid}/customers/login                           | 403    |

  Scenario: An emulated Dintero route still answers, and an unknown id on it is still a 404
    Given I am authenticated as "admin-client"
    When I GET "/customers/users/no-such-customer"
    Then the response status is 404
    And the error code is "NOT FOUND"
    When I GET "/customers/tags"
    Then the response status is 200

  Scenario: A path Dintero does not document is still a 404
    Given I am authenticated as "admin-client"
    When I GET "/v1/accounts/{aid}/locations/loc-1/opening-hours"
    Then the response status is 404
    And the error code is "NOT FOUND"

  Scenario: A documented Dintero path with a method it lacks is still a 405
    Given I am authenticated as "admin-client"
    When I PATCH "/v1/accounts/{aid}/locations" with body:
      """
      {}
      """
    Then the response status is 405

  Scenario Outline: A documented Tradevest route the sandbox does not emulate is a 501
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"
    When I <method> "<path>" with body:
      """
      {}
      """
    Then the response status is 501
    And the response field "errorCode" is "NOT_IMPLEMENTED"
    And the response field "responseType" is "NOT_IMPLEMENTED"
    And the response field "message" is "<method> <route> is documented by Tradevest but not emulated by the sandbox"
    And the response has the field "requestId"

    Examples:
      | method | path                                                                              | route                                                  |
      | GET    | /entities/vendor/legal-entities/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f              | /entities/vendor/legal-entities/{searchId}             |
      | GET    | /entities/vendor/legal-entities                                                   | /entities/vendor/legal-entities                        |
      | POST   | /entities/vendor/legal-entities                                                   | /entities/vendor/legal-entities                        |

  Scenario: The Tradevest 501 needs no token
    Given I send no access token
    When I POST "/entities/vendor/legal-entities" with body:
      """
      {}
      """
    Then the response status is 501
    And the response field "errorCode" is "NOT_IMPLEMENTED"
    And the response field "message" matches "not emulated"

  Scenario: An emulated Tradevest route still answers, and an unknown id on it is still a 404
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"
    When I GET "/roles/customers/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  Scenario: A path Tradevest does not document is still a 404
    Given I am authenticated with Tradevest as "{tv_client}" with secret "{tv_secret}"
    When I GET "/roles/nothing-here"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"
